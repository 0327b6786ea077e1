import "server-only";
import { and, desc, eq, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { auditChainHeads, auditEvents } from "@/db/schema";

/**
 * Removes audit rows older than `days`, oldest first per organization, and anchors what is kept:
 * the head remembers the last removed row's seq and hash, so the kept chain still verifies from its
 * oldest row. The only DELETE the append-only trigger allows (it sets latchkey.audit_trim for its
 * own transaction). Returns how many rows went.
 */
export async function trimAuditTrail(db: Db, days: number): Promise<number> {
  const cutoff = new Date(Date.now() - days * 86_400_000);
  const orgs = rowsOf<{ organization_id: string }>(
    await db.execute(
      sql`select distinct organization_id from audit_events where at < ${cutoff.toISOString()}::timestamptz`,
    ),
  );
  let removed = 0;
  for (const { organization_id: organizationId } of orgs) {
    removed += await db.transaction(async (tx) => {
      const [head] = await tx
        .select()
        .from(auditChainHeads)
        .where(eq(auditChainHeads.organizationId, organizationId))
        .for("update");
      if (!head) return 0;
      // Trim a prefix only: up to the newest row older than the cutoff, so no gap opens in the chain.
      const [last] = await tx
        .select({ seq: auditEvents.seq, hash: auditEvents.hash })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.organizationId, organizationId),
            sql`${auditEvents.at} < ${cutoff.toISOString()}::timestamptz`,
          ),
        )
        .orderBy(desc(auditEvents.seq))
        .limit(1);
      if (!last) return 0;
      await tx.execute(sql`select set_config('latchkey.audit_trim', 'on', true)`);
      const gone = await tx
        .delete(auditEvents)
        .where(and(eq(auditEvents.organizationId, organizationId), lte(auditEvents.seq, last.seq)))
        .returning({ id: auditEvents.id });
      await tx.execute(sql`select set_config('latchkey.audit_trim', 'off', true)`);
      await tx
        .update(auditChainHeads)
        .set({ trimmedThroughSeq: last.seq, trimmedHash: last.hash })
        .where(eq(auditChainHeads.organizationId, organizationId));
      return gone.length;
    });
  }
  return removed;
}
