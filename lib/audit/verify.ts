import "server-only";
import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditChainHeads, auditEvents } from "@/db/schema";
import { chainHash, GENESIS } from "./chain";

export type BrokenRow = { organizationId: string; id: string | null; seq: number; reason: string };
export type ChainReport = { organizations: number; rows: number; broken: BrokenRow | null };

const PAGE = 1000;

/**
 * Checks every organization's chain (or one's) from its oldest kept row: each row follows the
 * previous one (seq and prev_hash), its hash matches its content, the first kept row follows the
 * trim's anchor, and the last one is the head. Stops at the first broken row and names it.
 */
export async function verifyAuditChains(db: Db, organizationId?: string): Promise<ChainReport> {
  const heads = await db
    .select()
    .from(auditChainHeads)
    .where(organizationId ? eq(auditChainHeads.organizationId, organizationId) : undefined)
    .orderBy(asc(auditChainHeads.organizationId));
  let rows = 0;
  for (const head of heads) {
    const checked = await verifyChain(db, head);
    rows += checked.rows;
    if (checked.broken) return { organizations: heads.length, rows, broken: checked.broken };
  }
  return { organizations: heads.length, rows, broken: null };
}

async function verifyChain(
  db: Db,
  head: typeof auditChainHeads.$inferSelect,
): Promise<{ rows: number; broken: BrokenRow | null }> {
  const org = head.organizationId;
  let seq = Number(head.trimmedThroughSeq);
  let prevHash = seq === 0 ? GENESIS : (head.trimmedHash ?? "");
  let rows = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org), gt(auditEvents.seq, seq)))
      .orderBy(asc(auditEvents.seq))
      .limit(PAGE);
    for (const row of batch) {
      const at = { organizationId: org, id: row.id, seq: Number(row.seq) };
      if (Number(row.seq) !== seq + 1) return { rows, broken: { ...at, reason: `row ${seq + 1} is missing` } };
      if (row.prevHash !== prevHash)
        return { rows, broken: { ...at, reason: "does not follow the previous row (prev_hash)" } };
      if (chainHash({ ...row, seq: Number(row.seq) }) !== row.hash)
        return { rows, broken: { ...at, reason: "its content does not match its hash" } };
      seq = Number(row.seq);
      prevHash = row.hash;
      rows++;
    }
    if (batch.length < PAGE) break;
  }
  if (seq !== Number(head.seq) || prevHash !== head.hash)
    return {
      rows,
      broken: {
        organizationId: org,
        id: null,
        seq: seq + 1,
        reason: `the chain ends at row ${seq}, its head at ${head.seq}`,
      },
    };
  return { rows, broken: null };
}
