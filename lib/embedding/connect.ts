import "server-only";
import type { Db } from "@/db/client";
import { NotFoundError } from "@/lib/errors";
import { logSecurityEvent } from "@/lib/log";
import { startAuthorization } from "@/lib/oauth/authorize";
import { getOrganization } from "@/lib/organizations/queries";
import { logEmbeddedNotFound } from "./instances";

// CONNECT inside the iframe. Providers refuse to be framed, and a popup at Latchkey's own site
// cannot see the iframe's partitioned session cookie, so the iframe asks for the provider's URL
// here (with its embedded session) and sends the popup it opened on the click straight there. The
// state is bound to the embedded user and marked embedded: the callback page then tells the popup's
// opener instead of comparing sessions.

type EmbeddedUser = { id: string; organizationId: string; customerId: string };

/**
 * The partner page a full-page CONNECT (a blocked popup) goes back to, when it is on one of the
 * organization's allowed frame or redirect origins; null otherwise, so it is never an open redirect.
 */
export async function allowedReturnTo(
  db: Db,
  organizationId: string,
  returnTo: string | null | undefined,
): Promise<string | null> {
  if (!returnTo) return null;
  let url: URL;
  try {
    url = new URL(returnTo);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const { allowedFrameOrigins, allowedRedirectOrigins } = await getOrganization(db, organizationId);
  if (![...allowedFrameOrigins, ...allowedRedirectOrigins].includes(url.origin)) {
    logSecurityEvent("embedded return address ignored", {
      organization: organizationId,
      origin: url.origin.slice(0, 200),
    });
    return null;
  }
  url.hash = "";
  return url.href;
}

/** Starts an embedded user's CONNECT on one of its customer's instances; another customer's is NotFoundError and a log line. */
export async function startEmbeddedConnect(
  db: Db,
  user: EmbeddedUser,
  instanceId: string,
  connection: string,
  returnTo: string | null | undefined,
): Promise<{ url: string; expiresAt: Date }> {
  const scope = { organizationId: user.organizationId, customerId: user.customerId };
  const back = await allowedReturnTo(db, user.organizationId, returnTo);
  try {
    return await startAuthorization(
      db,
      scope,
      { instanceId, configVarKey: connection },
      { userId: user.id },
      { embedded: true, returnTo: back },
    );
  } catch (error) {
    if (error instanceof NotFoundError) logEmbeddedNotFound(user, instanceId);
    throw error;
  }
}
