import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { tenantKeys } from "@/db/schema";
import { unwrapDataKey, wrapDataKey } from "./envelope";
import type { Keyring } from "./keyring";

export type RotationResult = { rewrapped: number; alreadyCurrent: number; failed: { id: string; reason: string }[] };

/**
 * Re-wraps every data key not yet under the current master key. Values are untouched, and each row
 * is swapped only if it still holds what was read, so servers keep running throughout.
 */
export async function rewrapTenantKeys(db: Db, ring: Keyring): Promise<RotationResult> {
  const result: RotationResult = { rewrapped: 0, alreadyCurrent: 0, failed: [] };
  const rows = await db.select().from(tenantKeys);
  for (const row of rows) {
    if (row.masterKeyId === ring.current.id) {
      result.alreadyCurrent += 1;
      continue;
    }
    const tenant = { organizationId: row.organizationId, customerId: row.customerId };
    try {
      const key = unwrapDataKey(ring, tenant, row);
      const next = wrapDataKey(ring, tenant, key);
      await db
        .update(tenantKeys)
        .set({ ...next, rewrappedAt: new Date() })
        .where(
          and(
            eq(tenantKeys.id, row.id),
            eq(tenantKeys.wrappedKey, row.wrappedKey),
            ne(tenantKeys.masterKeyId, ring.current.id),
          ),
        );
      result.rewrapped += 1;
    } catch (error) {
      result.failed.push({ id: row.id, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
