import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/db/client";
import { recordEvent } from "@/lib/connections/events";
import { markCredentialAuthorized } from "@/lib/credentials/service";
import { takeCredentialTokens } from "@/lib/credentials/secrets";
import type { TokenSet } from "@/lib/credentials/tokens";
import { ValidationError } from "@/lib/errors";
import { logUnexpected } from "@/lib/log";
import type { TenantScope } from "@/lib/tenancy";
import { kindOf } from "@/lib/connection-types/kinds";
import { secretsOf } from "./client";
import { resolveOAuthConnection, type OAuthConnection, type OAuthTarget } from "./connection";
import { describeProviderFailure } from "./errors";

// DISCONNECT: the tokens are deleted first (which also stops refreshing), then, where the connection
// has a revocation URL, the refresh token and the access token are revoked (RFC 7009). Revocation
// happens after the commit, with no lock held across the provider's answer, and a failed
// revocation never undoes the disconnect: it is logged and said.

export type DisconnectResult = {
  disconnected: true;
  revocation: "revoked" | "failed" | "not_supported" | "nothing_to_revoke";
  message: string;
};

type Attempt = { hint: "refresh_token" | "access_token"; ok: boolean; detail: string };

async function revokeOne(
  connection: OAuthConnection,
  token: string,
  hint: Attempt["hint"],
  secrets: Record<string, string>,
): Promise<Attempt> {
  try {
    await kindOf(connection.kind).revoke?.(connection, token, hint);
    return { hint, ok: true, detail: "revoked" };
  } catch (error) {
    if (error instanceof ValidationError) return { hint, ok: false, detail: error.message };
    const failure = describeProviderFailure(error, secrets);
    if (failure) return { hint, ok: false, detail: failure.message };
    logUnexpected("OAuth revocation", error);
    return { hint, ok: false, detail: "an unexpected error, logged on the server" };
  }
}

/** Revokes what the provider can revoke: the refresh token first (it outlives the access token). */
async function revokeAll(connection: OAuthConnection, tokens: TokenSet): Promise<Attempt[]> {
  const secrets = secretsOf(connection, tokens.accessToken, tokens.refreshToken);
  const attempts: Attempt[] = [];
  if (tokens.refreshToken) attempts.push(await revokeOne(connection, tokens.refreshToken, "refresh_token", secrets));
  attempts.push(await revokeOne(connection, tokens.accessToken, "access_token", secrets));
  return attempts;
}

/** Disconnects a credential or an instance's connection: forget the tokens, stop refreshing, revoke. */
export async function disconnect(db: Db, scope: TenantScope, target: OAuthTarget): Promise<DisconnectResult> {
  const connection = await resolveOAuthConnection(db, scope, target);
  const orgScope = { organizationId: connection.organizationId };
  const owner = {
    organizationId: connection.organizationId,
    customerId: connection.credential.customerId,
    credentialId: connection.credential.id,
    instanceId: connection.instance?.id,
  };
  const revokeUri = connection.values.revoke_uri?.trim();

  const tokens = await db.transaction(async (tx) => {
    const taken = await takeCredentialTokens(tx, orgScope, connection.credential.id);
    if (kindOf(connection.kind).traits.authorizes)
      await markCredentialAuthorized(tx, orgScope, connection.credential.id, false);
    await recordEvent(tx, {
      ...owner,
      name: "disconnected",
      level: "info",
      message: taken
        ? "Disconnected: the access and refresh tokens were deleted and refreshing stopped"
        : "Disconnect requested, but no tokens were stored",
      metadata: { hadRefreshToken: !!taken?.refreshToken, revocationUrl: revokeUri ?? null },
    });
    if (taken)
      await recordAudit(tx, {
        organizationId: connection.organizationId,
        action: "credential.disconnected",
        target: { type: "credential", id: connection.credential.id, name: connection.credential.label },
        fields: ["accessToken", ...(taken.refreshToken ? ["refreshToken"] : [])],
      });
    return taken;
  });

  if (!tokens)
    return { disconnected: true, revocation: "nothing_to_revoke", message: `${connection.label} was not connected.` };
  if (!revokeUri) {
    return {
      disconnected: true,
      revocation: "not_supported",
      message: `${connection.label} is disconnected. It has no revocation URL, so the provider considers the tokens valid until they expire.`,
    };
  }

  const attempts = await revokeAll(connection, tokens);
  for (const a of attempts) {
    const what = a.hint === "refresh_token" ? "Refresh token" : "Access token";
    await recordEvent(db, {
      ...owner,
      name: a.ok ? "revoked" : "revocation failed",
      level: a.ok ? "info" : "warn",
      message: a.ok ? `${what} revoked at the provider` : `${what} not revoked: ${a.detail}`,
      metadata: { tokenTypeHint: a.hint, revocationUrl: revokeUri },
    });
  }
  const failed = attempts.filter((a) => !a.ok);
  if (failed.length === 0)
    return {
      disconnected: true,
      revocation: "revoked",
      message: `${connection.label} is disconnected and the provider revoked its tokens.`,
    };
  return {
    disconnected: true,
    revocation: "failed",
    message: `${connection.label} is disconnected and Latchkey no longer holds its tokens, but the provider did not confirm the revocation (${failed[0]!.detail}). Revoke the app's access at the provider if it matters.`,
  };
}
