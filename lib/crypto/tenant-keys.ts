import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { tenantKeys } from "@/db/schema";
import {
  decryptValue,
  encryptValue,
  newDataKey,
  unwrapDataKey,
  wrapDataKey,
  ciphertextKeyId,
  type Tenant,
} from "./envelope";
import { DecryptionError } from "./aead";
import { loadKeyring } from "./master-key";

type DataKey = { id: string; key: Buffer };

// Unwrapped data keys by id. Re-wrapping under a new master key does not change a data key, so
// entries never go stale; a deleted tenant's entry is simply never asked for again.
const unwrapped = new Map<string, Buffer>();
// And which data key a tenant has: a tenant's key is made once and never replaced, so the lookup
// is cached too (the refresh routine and the runtime API open and seal on every call). Only what
// was read outside a transaction is cached: a key made in a transaction that rolls back must not be.
const keyOfTenant = new Map<string, DataKey>();
const tenantCacheKey = (tenant: Tenant) => `${tenant.organizationId}/${tenant.customerId ?? ""}`;

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

/** Caches a tenant's key, unless it was read inside a transaction that may yet roll back. */
function remember(db: Db, tenant: Tenant, key: DataKey): DataKey {
  if (!(db instanceof PgTransaction)) keyOfTenant.set(tenantCacheKey(tenant), key);
  return key;
}

/** The tenant's data key, created (and wrapped) on first use. */
export async function tenantDataKey(db: Db, tenant: Tenant): Promise<DataKey> {
  const cached = keyOfTenant.get(tenantCacheKey(tenant));
  if (cached) return cached;
  const existing = await db.select().from(tenantKeys).where(tenantWhere(tenant)).limit(1);
  if (existing[0]) return remember(db, tenant, unwrapRow(tenant, existing[0]));
  const key = newDataKey();
  const wrapped = wrapDataKey(loadKeyring(), tenant, key);
  // Two requests may create the first key at once: the unique constraint keeps one, both read it back.
  await db
    .insert(tenantKeys)
    .values({ organizationId: tenant.organizationId, customerId: tenant.customerId ?? null, ...wrapped })
    .onConflictDoNothing();
  const [row] = await db.select().from(tenantKeys).where(tenantWhere(tenant)).limit(1);
  if (!row) throw new Error("Tenant data key vanished right after it was created");
  return remember(db, tenant, unwrapRow(tenant, row));
}

/** Encrypts a value of one record with its tenant's data key. */
export async function encryptForTenant(db: Db, tenant: Tenant, recordId: string, plaintext: string): Promise<string> {
  return encryptValue(await tenantDataKey(db, tenant), tenant, recordId, plaintext);
}

/** Decrypts a value of one record; fails if the ciphertext belongs to another tenant or record. */
export async function decryptForTenant(db: Db, tenant: Tenant, recordId: string, ciphertext: string): Promise<string> {
  const key = await tenantDataKey(db, tenant);
  if (ciphertextKeyId(ciphertext) !== key.id)
    throw new DecryptionError("The value was sealed with another tenant's key");
  return decryptValue(key, tenant, recordId, ciphertext);
}

/** Forgets unwrapped data keys (tests of rotation). */
export function clearDataKeyCache(): void {
  unwrapped.clear();
}
