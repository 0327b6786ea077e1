import "server-only";
import type { Db } from "@/db/client";
import { ValidationError } from "@/lib/errors";
import { getOrganization } from "@/lib/organizations/queries";
import type { OAuthConnection } from "./connection";
import { redirectUrlProblem, type RedirectParams } from "./redirects";

export type CustomRedirects = { success: string | null; failure: string | null; params: RedirectParams | null };

/**
 * The connection's custom success and failure URLs, checked against the organization's allowed
 * redirect origins as they are now. A URL that is not allowed is a ValidationError: CONNECT refuses
 * to start, and a callback refuses to store tokens or to send the browser there.
 */
export async function customRedirectsOf(db: Db, connection: OAuthConnection): Promise<CustomRedirects> {
  const v = connection.configVariable;
  const instance = connection.instance;
  if (!v || !instance || (!v.successRedirectUrl && !v.failureRedirectUrl))
    return { success: null, failure: null, params: null };
  const { allowedRedirectOrigins } = await getOrganization(db, connection.organizationId);
  for (const [which, url] of [
    ["success", v.successRedirectUrl],
    ["failure", v.failureRedirectUrl],
  ] as const) {
    const problem = url ? redirectUrlProblem(url, allowedRedirectOrigins) : null;
    if (problem)
      throw new ValidationError(`${v.label}: the custom ${which} redirect cannot be used. ${problem}`, {
        [`${which}RedirectUrl`]: problem,
      });
  }
  return {
    success: v.successRedirectUrl,
    failure: v.failureRedirectUrl,
    params: {
      instanceId: instance.id,
      instanceName: instance.name,
      integrationId: instance.integrationId,
      integrationName: instance.integrationName,
      configVarId: v.id,
      configVarName: v.label,
    },
  };
}
