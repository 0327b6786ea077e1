import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { tenantKeys } from "@/db/schema";
import { decryptValue, encryptValue, newDataKey, unwrapDataKey, wrapDataKey, ciphertextKeyId, type Tenant } from "./envelope";
import { DecryptionError } from "./aead";
import { loadKeyring } from "./master-key";

type DataKey = { id: string; key: Buffer };

// Unwrapped data keys by id. Re-wrapping under a new master key does not change a data key, so
// entries never go stale; a deleted tenant's entry is simply never asked for again.
const unwrapped = new Map<string, Buffer>();

function tenantWhere(tenant: Tenant) {
  return and(
    eq(tenantKeys.organizationId, tenant.organizationId),
    tenant.customerId ? eq(tenantKeys.customerId, tenant.customerId) : isNull(tenantKeys.customerId),
  );
}

function unwrapRow(tenant: Tenant, row: { id: string; wrappedKey: string; masterKeyId: string }): DataKey {
  let key = unwrapped.get(row.id);
  if (!key) {
    key = unwrapDataKey(loadKeyring(), tenant, row);
    unwrapped.set(row.id, key);
  }
  return { id: row.id, key };
}

/** The tenant's data key, created (and wrapped) on first use. */
export async function tenantDataKey(db: Db, tenant: Tenant): Promise<DataKey> {
  const existing = await db.select().from(tenantKeys).where(tenantWhere(tenant)).limit(1);
  if (existing[0]) return unwrapRow(tenant, existing[0]);
  const key = newDataKey();
  const wrapped = wrapDataKey(loadKeyring(), tenant, key);
  // Two requests may create the first key at once: the unique constraint keeps one, both read it back.
  await db
    .insert(tenantKeys)
    .values({ organizationId: tenant.organizationId, customerId: tenant.customerId ?? null, ...wrapped })
    .onConflictDoNothing();
  const [row] = await db.select().from(tenantKeys).where(tenantWhere(tenant)).limit(1);
  if (!row) throw new Error("Tenant data key vanished right after it was created");
  return unwrapRow(tenant, row);
}

/** Encrypts a value of one record with its tenant's data key. */
export async function encryptForTenant(db: Db, tenant: Tenant, recordId: string, plaintext: string): Promise<string> {
  return encryptValue(await tenantDataKey(db, tenant), tenant, recordId, plaintext);
}

/** Decrypts a value of one record; fails if the ciphertext belongs to another tenant or record. */
export async function decryptForTenant(db: Db, tenant: Tenant, recordId: string, ciphertext: string): Promise<string> {
  const key = await tenantDataKey(db, tenant);
  if (ciphertextKeyId(ciphertext) !== key.id) throw new DecryptionError("The value was sealed with another tenant's key");
  return decryptValue(key, tenant, recordId, ciphertext);
}

/** Forgets unwrapped data keys (tests of rotation). */
export function clearDataKeyCache(): void {
  unwrapped.clear();
}
