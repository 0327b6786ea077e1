import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { currentRequest, type Actor } from "@/lib/request-context";
import type { Db } from "@/db/client";
import { recordEvent } from "@/lib/connections/events";
import { markCredentialAuthorized } from "@/lib/credentials/service";
import { saveCredentialTokens } from "@/lib/credentials/tokens";
import type { OAuthConnection } from "./connection";
import { grantedTokens, grantWords, type TokenAnswer } from "./grant";

export type Exchange = {
  grantType: "authorization_code" | "client_credentials";
  answer: TokenAnswer;
  requestedScopes: string[];
  /** The clock read before the token request: expiry counts from then, never later. */
  requestedAt: Date;
  callbackParams?: URLSearchParams;
  authorizedBy?: { userId?: string | null; linkId?: string | null };
};

function authorizerOf(by: Exchange["authorizedBy"]): Actor | undefined {
  if (by?.userId) return { type: "user", id: by.userId, name: null };
  if (by?.linkId) return { type: "authorization_link", id: by.linkId, name: null };
  return undefined;
}

/** Stores a token endpoint answer encrypted, marks the credential authorized and used, and logs it. */
export async function storeExchange(
  db: Db,
  connection: OAuthConnection,
  x: Exchange,
): Promise<{ expiresAt: Date | null; grantedScopes: string[] }> {
  const granted = grantedTokens(connection, x.answer, {
    grantType: x.grantType,
    requestedAt: x.requestedAt,
    scopesIfSilent: x.requestedScopes,
    callbackParams: x.callbackParams,
  });
  const { tokens, expiresAt, grantedScopes } = granted;
  const owner = { organizationId: connection.organizationId, customerId: connection.credential.customerId };
  const scope = { organizationId: connection.organizationId };
  await db.transaction(async (tx) => {
    await saveCredentialTokens(
      tx,
      owner,
      connection.credential.id,
      { grantType: granted.grantType, tokens, expiresAt, grantedScopes, nextRefreshAt: granted.nextRefreshAt },
      x.authorizedBy,
    );
    await markCredentialAuthorized(tx, scope, connection.credential.id, true);
    await recordEvent(tx, {
      ...owner,
      credentialId: connection.credential.id,
      instanceId: connection.instance?.id,
      name: "token exchanged",
      level: "info",
      message: `${grantWords[x.grantType].acquired}: ${tokens.refreshToken ? "with" : "without"} a refresh token, ${expiresAt ? `expiring ${expiresAt.toISOString()}` : "with no stated expiry"}`,
      metadata: {
        grantedScopes,
        expiresAt: expiresAt?.toISOString() ?? null,
        refreshToken: !!tokens.refreshToken,
        tokenType: tokens.tokenType,
        keptFields: Object.keys(tokens.metadata),
      },
      outcome: { ok: true },
    });
    await recordAudit(tx, {
      organizationId: connection.organizationId,
      action: "credential.authorized",
      target: { type: "credential", id: connection.credential.id, name: connection.credential.label },
      fields: ["accessToken", ...(tokens.refreshToken ? ["refreshToken"] : [])],
      // The OAuth callback runs outside the wrappers that name an actor: who started the CONNECT.
      actor: currentRequest()?.actor ?? authorizerOf(x.authorizedBy),
    });
  });
  return { expiresAt, grantedScopes };
}
