import "server-only";
import type { Db } from "@/db/client";
import { credentialTokens, type ConfigVariable } from "@/db/schema";
import { decryptForTenant } from "@/lib/crypto/tenant-keys";
import { NotFoundError } from "@/lib/errors";
import { findSecretDefaultsCiphertext } from "@/lib/integrations/queries";
import type { TenantScope } from "@/lib/tenancy";
import { findCredentialCiphertext } from "./queries";
import { credentialTokensWhere, tokensRecord, type ReadTokens, type TokenSet } from "./tokens";
import type { CredentialHeader } from "./validation";

// The one door for a credential's secrets: the only module (with lib/crypto, and the e-mail outbox
// for its own bodies) that decrypts. Its openers are called by the runtime API, the grant (lib/oauth,
// the refresh), the test request and the proxy, and by the writers that merge a change into sealed
// values and seal them again; ./secret-door.test.ts holds that list. Everything else reads
// the plain summary columns.

export type StoredSecret = { values: Record<string, string>; headers: CredentialHeader[] };

type SealedValues = { id: string; organizationId: string; customerId: string | null; valuesCiphertext: string | null };
type SealedTokens = {
  organizationId: string;
  customerId: string | null;
  credentialId: string;
  tokensCiphertext: string;
};

/** Opens a credential's stored values and headers (from a row that carries its ciphertext). */
export async function openCredentialValues(db: Db, row: SealedValues): Promise<StoredSecret> {
  if (!row.valuesCiphertext) return { values: {}, headers: [] };
  const tenant = { organizationId: row.organizationId, customerId: row.customerId };
  return JSON.parse(await decryptForTenant(db, tenant, row.id, row.valuesCiphertext)) as StoredSecret;
}

/** Opens a credential's token set (from a row, or a refresh claim, that carries its ciphertext). */
export async function openCredentialTokens(db: Db, row: SealedTokens): Promise<TokenSet> {
  const tenant = { organizationId: row.organizationId, customerId: row.customerId };
  const plain = await decryptForTenant(db, tenant, tokensRecord(row.credentialId), row.tokensCiphertext);
  return JSON.parse(plain) as TokenSet;
}

/** The decrypted values of a credential of the scope. */
export async function readCredentialValues(db: Db, scope: TenantScope, id: string): Promise<StoredSecret> {
  const row = await findCredentialCiphertext(db, scope, id);
  if (!row) throw new NotFoundError("No such credential");
  return openCredentialValues(db, row);
}

/** The decrypted tokens of a credential of the scope, or undefined when it holds none. */
export async function readCredentialTokens(
  db: Db,
  scope: TenantScope,
  credentialId: string,
): Promise<ReadTokens | undefined> {
  const [row] = await db.select().from(credentialTokens).where(credentialTokensWhere(scope, credentialId)).limit(1);
  if (!row) return undefined;
  return {
    grantType: row.grantType,
    tokens: await openCredentialTokens(db, { ...row, credentialId }),
    expiresAt: row.expiresAt,
    grantedScopes: row.grantedScopes,
    nextRefreshAt: row.nextRefreshAt,
    authorizedAt: row.authorizedAt,
    needsReauthorization: row.needsReauthorization,
    consecutiveFailures: row.consecutiveFailures,
  };
}

/** Deletes a credential's tokens (which stops refreshing) and returns them, decrypted, for revocation. */
export async function takeCredentialTokens(
  db: Db,
  scope: TenantScope,
  credentialId: string,
): Promise<TokenSet | undefined> {
  const [row] = await db.delete(credentialTokens).where(credentialTokensWhere(scope, credentialId)).returning();
  return row ? openCredentialTokens(db, { ...row, credentialId }) : undefined;
}

/** The secret defaults a config variable keeps for the credentials its wizard makes. */
export async function openSecretDefaults(
  db: Db,
  v: Pick<ConfigVariable, "id" | "organizationId" | "secretDefaultsCiphertext">,
): Promise<Record<string, string>> {
  if (!v.secretDefaultsCiphertext) return {};
  const tenant = { organizationId: v.organizationId, customerId: null };
  return JSON.parse(await decryptForTenant(db, tenant, v.id, v.secretDefaultsCiphertext)) as Record<string, string>;
}

/** The secret defaults of a config variable loaded without them: read only when it keeps any. */
export async function readSecretDefaults(
  db: Db,
  v: Pick<ConfigVariable, "id" | "organizationId" | "fields">,
): Promise<Record<string, string>> {
  if (!Object.values(v.fields).some((s) => s.hasSecretDefault)) return {};
  const secretDefaultsCiphertext = await findSecretDefaultsCiphertext(db, v.organizationId, v.id);
  return openSecretDefaults(db, { ...v, secretDefaultsCiphertext });
}

/** The PKCE verifier an authorization's state keeps until its callback. */
export async function openCodeVerifier(
  db: Db,
  state: { id: string; organizationId: string; customerId: string | null; codeVerifierCiphertext: string | null },
): Promise<string | undefined> {
  if (!state.codeVerifierCiphertext) return undefined;
  const tenant = { organizationId: state.organizationId, customerId: state.customerId };
  return decryptForTenant(db, tenant, `oauth-state/${state.id}`, state.codeVerifierCiphertext);
}

type SealedWebhookSecrets = {
  id: string;
  organizationId: string;
  secretCiphertext: string;
  previousSecretCiphertext: string | null;
  previousSecretExpiresAt: Date | null;
};

/**
 * Opens a webhook endpoint's signing secrets: the current one, and the previous one while its 24
 * hours after a rotation last. Only the delivery calls it, to sign; the secrets never leave it.
 */
export async function openWebhookSecrets(db: Db, row: SealedWebhookSecrets, now = new Date()): Promise<string[]> {
  const tenant = { organizationId: row.organizationId, customerId: null };
  const secrets = [await decryptForTenant(db, tenant, row.id, row.secretCiphertext)];
  if (row.previousSecretCiphertext && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now)
    secrets.push(await decryptForTenant(db, tenant, row.id, row.previousSecretCiphertext));
  return secrets;
}
