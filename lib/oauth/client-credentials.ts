import "server-only";
import type { Db } from "@/db/client";
import { recordEvent } from "@/lib/connections/events";
import { ValidationError } from "@/lib/errors";
import type { TenantScope } from "@/lib/tenancy";
import { requestedScopes } from "./authorize";
import { kindOf } from "@/lib/connection-types/kinds";
import { secretsOf } from "./client";
import { resolveOAuthConnection, type OAuthTarget } from "./connection";
import { describeProviderFailure } from "./errors";
import { requestTokens } from "./grant";
import { storeExchange } from "./store";

// Client credentials (server to server): the token is fetched when the credential or connection is
// saved, and again before it expires. Failures come back as a result the form can show next to the
// field most likely at fault, rather than as an exception.

export type ClientCredentialsResult =
  | { ok: true; expiresAt: Date | null; grantedScopes: string[] }
  | { ok: false; message: string; fields: Record<string, string> };

/** Which form field a provider's error points at. */
function fieldOf(error: string): string {
  if (error === "invalid_client" || error === "unauthorized_client") return "values.client_secret";
  if (error === "invalid_scope") return "values.scopes";
  return "values.token_uri";
}

/** Fetches a client credentials token for a credential or an instance's connection and stores it. */
export async function clientCredentialsToken(
  db: Db,
  scope: TenantScope,
  target: OAuthTarget,
): Promise<ClientCredentialsResult> {
  const connection = await resolveOAuthConnection(db, scope, target);
  const kind = kindOf(connection.kind);
  if (!kind.acquire)
    throw new ValidationError(`${connection.label} is authorized with CONNECT, not with client credentials`);
  const owner = {
    organizationId: connection.organizationId,
    customerId: connection.credential.customerId,
    credentialId: connection.credential.id,
    instanceId: connection.instance?.id,
  };
  const requestedAt = new Date();
  let scopes: string[] = [];
  try {
    scopes = requestedScopes(connection);
    const answer = await requestTokens(connection, kind.acquire(connection, scopes));
    const stored = await storeExchange(db, connection, {
      grantType: "client_credentials",
      answer,
      requestedScopes: scopes,
      requestedAt,
    });
    return { ok: true, ...stored };
  } catch (error) {
    if (error instanceof ValidationError) return { ok: false, message: error.message, fields: error.fields };
    const failure = describeProviderFailure(error, secretsOf(connection));
    if (!failure) throw error;
    const message = `The token request failed: ${failure.message}`;
    await recordEvent(db, {
      ...owner,
      name: "token request failed",
      level: "error",
      message,
      outcome: { ok: false, reason: message },
      metadata: {
        error: failure.error,
        error_description: failure.description,
        status: failure.status ?? null,
        scopes,
      },
    });
    return { ok: false, message, fields: { [fieldOf(failure.error)]: failure.message } };
  }
}
