import "server-only";
import type { TokenEndpointResponse } from "oauth4webapi";
import type { Db } from "@/db/client";
import { recordEvent } from "@/lib/connections/events";
import { markCredentialAuthorized } from "@/lib/credentials/service";
import { saveCredentialTokens } from "@/lib/credentials/tokens";
import type { OAuthConnection } from "./connection";
import { refreshSettings } from "@/lib/refresh/settings";
import { nextRefreshAt, tokenExpiry } from "./due";
import { parseScopes } from "./scopes";
import { tokenSetFrom } from "./token-response";

export type Exchange = {
  grantType: "authorization_code" | "client_credentials";
  result: TokenEndpointResponse;
  raw: Record<string, unknown>;
  requestedScopes: string[];
  /** The clock read before the token request: expiry counts from then, never later. */
  requestedAt: Date;
  callbackParams?: URLSearchParams;
  authorizedBy?: { userId?: string | null; linkId?: string | null };
};

/** Stores a token endpoint answer encrypted, marks the credential authorized and used, and logs it. */
export async function storeExchange(
  db: Db,
  connection: OAuthConnection,
  x: Exchange,
): Promise<{ expiresAt: Date | null; grantedScopes: string[] }> {
  const tokens = tokenSetFrom(x.result, x.raw, connection.settings, x.callbackParams);
  const settings = refreshSettings();
  const renewable = !!tokens.refreshToken || x.grantType === "client_credentials";
  const expiresAt = tokenExpiry({
    requestedAt: x.requestedAt,
    expiresIn: x.result.expires_in,
    renewable,
    defaultExpiresInSeconds: settings.defaultExpiresInSeconds,
  });
  // A provider that leaves scope out granted what was asked (RFC 6749 section 5.1).
  const grantedScopes =
    x.result.scope !== undefined ? parseScopes(x.result.scope.replace(/,/g, " ")) : x.requestedScopes;
  const owner = { organizationId: connection.organizationId, customerId: connection.credential.customerId };
  const scope = { organizationId: connection.organizationId };
  await db.transaction(async (tx) => {
    await saveCredentialTokens(
      tx,
      owner,
      connection.credential.id,
      {
        grantType: x.grantType,
        tokens,
        expiresAt,
        grantedScopes,
        nextRefreshAt: nextRefreshAt({
          now: x.requestedAt,
          expiresAt,
          hasRefreshToken: !!tokens.refreshToken,
          grantType: x.grantType,
          windowMs: settings.windowMs,
        }),
      },
      x.authorizedBy,
    );
    await markCredentialAuthorized(tx, scope, connection.credential.id, true);
    await recordEvent(tx, {
      ...owner,
      credentialId: connection.credential.id,
      instanceId: connection.instance?.id,
      name: "token exchanged",
      level: "info",
      message: `${x.grantType === "client_credentials" ? "Access token fetched" : "Code exchanged for tokens"}: ${tokens.refreshToken ? "with" : "without"} a refresh token, ${expiresAt ? `expiring ${expiresAt.toISOString()}` : "with no stated expiry"}`,
      metadata: {
        grantedScopes,
        expiresAt: expiresAt?.toISOString() ?? null,
        refreshToken: !!tokens.refreshToken,
        tokenType: tokens.tokenType,
        keptFields: Object.keys(tokens.metadata),
      },
      outcome: { ok: true },
    });
  });
  return { expiresAt, grantedScopes };
}
