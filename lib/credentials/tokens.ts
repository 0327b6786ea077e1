import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { credentialTokens } from "@/db/schema";
import type { Tenant } from "@/lib/crypto/envelope";
import { encryptForTenant } from "@/lib/crypto/tenant-keys";
import type { TenantScope } from "@/lib/tenancy";
import { authorizedState } from "@/lib/connections/events";

// A credential's OAuth token set, stored encrypted with the owner's data key in credential_tokens.
// Only the door (./secrets.ts) opens the tokens; screens read `authorizationsOf`.

export type TokenSet = {
  accessToken: string;
  refreshToken?: string;
  tokenType: string;
  scope?: string;
  /** Fields the connection type keeps (instance_url, realmId, ...): handed to integration code. */
  metadata: Record<string, unknown>;
};

export type StoredTokens = {
  grantType: "authorization_code" | "client_credentials";
  tokens: TokenSet;
  expiresAt: Date | null;
  grantedScopes: string[];
  nextRefreshAt: Date | null;
};

/** What a screen may show about a credential's authorization: never a token. */
export type AuthorizationSummary = {
  grantType: "authorization_code" | "client_credentials";
  authorizedAt: Date;
  authorizedByUserId: string | null;
  authorizedViaLinkId: string | null;
  expiresAt: Date | null;
  grantedScopes: string[];
  hasRefreshToken: boolean;
  needsReauthorization: boolean;
  nextRefreshAt: Date | null;
  lastRefreshedAt: Date | null;
  consecutiveFailures: number;
};

// The credential id alone is the context of the credential's values: tokens get their own, so that
// one ciphertext can never be passed off as the other.
export const tokensRecord = (credentialId: string) => `${credentialId}/tokens`;

/** The token row of a credential of the scope. */
export function credentialTokensWhere(scope: TenantScope, credentialId: string) {
  return and(
    eq(credentialTokens.organizationId, scope.organizationId),
    scope.customerId ? eq(credentialTokens.customerId, scope.customerId) : undefined,
    eq(credentialTokens.credentialId, credentialId),
  );
}

/** Stores (or replaces) a credential's tokens; a new authorization clears refresh failures and leases. */
export async function saveCredentialTokens(
  db: Db,
  owner: Tenant,
  credentialId: string,
  stored: StoredTokens,
  authorizedBy: { userId?: string | null; linkId?: string | null } = {},
): Promise<void> {
  const now = new Date();
  const row = {
    organizationId: owner.organizationId,
    customerId: owner.customerId ?? null,
    grantType: stored.grantType,
    tokensCiphertext: await encryptForTenant(db, owner, tokensRecord(credentialId), JSON.stringify(stored.tokens)),
    hasRefreshToken: stored.tokens.refreshToken !== undefined,
    expiresAt: stored.expiresAt,
    grantedScopes: stored.grantedScopes,
    nextRefreshAt: stored.nextRefreshAt,
    leaseUntil: null,
    leaseHolder: null,
    ...authorizedState,
    authorizedAt: now,
    authorizedByUserId: authorizedBy.userId ?? null,
    authorizedViaLinkId: authorizedBy.linkId ?? null,
    updatedAt: now,
  };
  await db
    .insert(credentialTokens)
    .values({ credentialId, ...row })
    .onConflictDoUpdate({ target: credentialTokens.credentialId, set: row });
}

/** Seals a token set for its credential (the refresh routine writes it in its own statement). */
export function encryptTokenSet(db: Db, owner: Tenant, credentialId: string, tokens: TokenSet): Promise<string> {
  return encryptForTenant(db, owner, tokensRecord(credentialId), JSON.stringify(tokens));
}

export type ReadTokens = StoredTokens & {
  authorizedAt: Date;
  needsReauthorization: boolean;
  consecutiveFailures: number;
};

/** The authorization of credentials of the scope, by credential id, without tokens. */
export async function authorizationsOf(
  db: Db,
  scope: TenantScope,
  credentialIds: string[],
): Promise<Map<string, AuthorizationSummary>> {
  const out = new Map<string, AuthorizationSummary>();
  if (credentialIds.length === 0) return out;
  const rows = await db
    .select({
      credentialId: credentialTokens.credentialId,
      grantType: credentialTokens.grantType,
      authorizedAt: credentialTokens.authorizedAt,
      authorizedByUserId: credentialTokens.authorizedByUserId,
      authorizedViaLinkId: credentialTokens.authorizedViaLinkId,
      expiresAt: credentialTokens.expiresAt,
      grantedScopes: credentialTokens.grantedScopes,
      hasRefreshToken: credentialTokens.hasRefreshToken,
      needsReauthorization: credentialTokens.needsReauthorization,
      nextRefreshAt: credentialTokens.nextRefreshAt,
      lastRefreshedAt: credentialTokens.lastRefreshedAt,
      consecutiveFailures: credentialTokens.consecutiveFailures,
    })
    .from(credentialTokens)
    .where(
      and(
        eq(credentialTokens.organizationId, scope.organizationId),
        scope.customerId ? eq(credentialTokens.customerId, scope.customerId) : undefined,
        inArray(credentialTokens.credentialId, credentialIds),
      ),
    );
  for (const { credentialId, ...summary } of rows) out.set(credentialId, summary);
  return out;
}

/** Whether a credential holds tokens (for completeness: an authorization code credential needs them). */
export async function hasCredentialTokens(db: Db, organizationId: string, credentialId: string): Promise<boolean> {
  const rows = await db
    .select({ id: credentialTokens.credentialId })
    .from(credentialTokens)
    .where(and(eq(credentialTokens.organizationId, organizationId), eq(credentialTokens.credentialId, credentialId)))
    .limit(1);
  return rows.length > 0;
}
