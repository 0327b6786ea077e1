import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys, oauthStartTokens } from "@/db/schema";
import { env } from "@/lib/env";
import type { TenantScope } from "@/lib/tenancy";
import { assertAuthorizationStartable, startAuthorization } from "./authorize";
import { hashState, STATE_TTL_MS } from "./states";

// The CONNECT URL the API hands to integration code (`POST .../authorize`). The browser it is given
// to may come from any site, so the URL carries a single-use, expiring start token: the token, not
// the browser's origin, is the proof that this CONNECT was asked for. Nothing about the flow (no
// state, no log entry) exists until the browser redeems it.

export type StartTarget = { instanceId: string; configVarKey: string };

/** Checks that the connection can be authorized and returns a Latchkey URL that starts it once, within 10 minutes. */
export async function issueStartUrl(
  db: Db,
  scope: TenantScope,
  target: StartTarget,
  apiKeyId: string,
): Promise<{ url: string; expiresAt: Date }> {
  await assertAuthorizationStartable(db, scope, target, { apiKeyId });
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + STATE_TTL_MS);
  await db.insert(oauthStartTokens).values({
    organizationId: scope.organizationId,
    instanceId: target.instanceId,
    connectionKey: target.configVarKey,
    apiKeyId,
    tokenHash: hashState(token),
    expiresAt,
  });
  // Forget tokens that expired more than a day ago; the rest stay to answer "already used".
  await db
    .delete(oauthStartTokens)
    .where(
      and(
        eq(oauthStartTokens.organizationId, scope.organizationId),
        lt(oauthStartTokens.expiresAt, new Date(Date.now() - 24 * 60 * 60 * 1000)),
      ),
    );
  return { url: `${env.baseUrl}/api/oauth/authorize?start=${token}`, expiresAt };
}

export type StartTokenProblem = "invalid" | "used";

/**
 * Spends a start token (atomically: of two browsers with the same URL only one starts) and starts
 * the authorization it names; a token that is unknown, expired, used, or whose API key was revoked
 * starts nothing.
 */
export async function redeemStartToken(
  db: Db,
  token: string,
): Promise<{ ok: true; url: string } | { ok: false; problem: StartTokenProblem }> {
  if (token.length === 0 || token.length > 200) return { ok: false, problem: "invalid" };
  const tokenHash = hashState(token);
  const [spent] = await db
    .update(oauthStartTokens)
    .set({ consumedAt: new Date() })
    .where(
      and(
        eq(oauthStartTokens.tokenHash, tokenHash),
        isNull(oauthStartTokens.consumedAt),
        gt(oauthStartTokens.expiresAt, new Date()),
      ),
    )
    .returning();
  if (!spent) {
    const [seen] = await db
      .select({ consumedAt: oauthStartTokens.consumedAt })
      .from(oauthStartTokens)
      .where(eq(oauthStartTokens.tokenHash, tokenHash))
      .limit(1);
    return { ok: false, problem: seen?.consumedAt ? "used" : "invalid" };
  }
  const [key] = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(
      and(eq(apiKeys.id, spent.apiKeyId), eq(apiKeys.organizationId, spent.organizationId), isNull(apiKeys.revokedAt)),
    )
    .limit(1);
  if (!key) return { ok: false, problem: "invalid" };
  const started = await startAuthorization(
    db,
    { organizationId: spent.organizationId },
    { instanceId: spent.instanceId, configVarKey: spent.connectionKey },
    { apiKeyId: spent.apiKeyId },
  );
  return { ok: true, url: started.url };
}
