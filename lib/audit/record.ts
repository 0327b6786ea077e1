import "server-only";
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { fixedStatement, perDb } from "@/db/prepared";
import { rowsOf } from "@/db/rows";
import { groupWriter } from "@/lib/group-write";
import { auditChainHeads, auditEvents } from "@/db/schema";
import { currentRequest, type Actor } from "@/lib/request-context";
import { chainHash, GENESIS } from "./chain";

// The one writer of the audit trail. Callers pass their transaction, so that the row commits with
// the change it records or not at all. Who acted and from where come from the request being served
// (lib/request-context: the route wrappers set them); work outside a request is the system's.

export type AuditTarget = { type: string; id: string | null; name?: string | null };

export type AuditEntry = {
  organizationId: string;
  /** `<target type>.<verb>`: credential.updated, api_key.created, secrets.handed_over, ... */
  action: string;
  target: AuditTarget;
  /** The names of the fields changed, never their values. */
  fields?: string[];
  /** Who acted, where the request context does not say (the scheduler). */
  actor?: Actor;
};

const SYSTEM: Actor = { type: "system", id: null, name: null };
const TEXT_MAX = 256;
const clip = (v: string | null | undefined) => (v == null ? null : v.slice(0, TEXT_MAX));

/** Appends one row to the organization's chain, in the caller's transaction. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.transaction((tx) => appendRow(tx, entry, null));
}

/**
 * Counts a hand-over of secrets: one row per connection, actor and minute, whose count the later
 * hand-overs of that minute raise (a runtime loop would otherwise write a row per call). Concurrent
 * hand-overs raise their counts together in one statement (the runtime API's hot path); the first
 * of a minute appends its row under the chain's lock, in its own request's context.
 */
export async function recordHandOverAudit(db: Db, entry: AuditEntry): Promise<void> {
  const actor = entry.actor ?? currentRequest()?.actor ?? SYSTEM;
  const minute = new Date().toISOString().slice(0, 16);
  const window = `${entry.target.type}:${entry.target.id}|${actor.type}:${actor.id}|${minute}`;
  if (await countRaiserOf(db)({ organizationId: entry.organizationId, window })) return;
  await db.transaction(async (tx) => {
    // Under the chain's lock: another hand-over of this minute may have written the row meanwhile.
    await lockHead(tx, entry.organizationId);
    if (await raiseCounts(tx, [{ organizationId: entry.organizationId, window }]).then((r) => r[0])) return;
    await appendRow(tx, { ...entry, actor }, window);
  });
}

type Raise = { organizationId: string; window: string };
const countRaiserOf = perDb((db) => groupWriter((items: Raise[]) => raiseCounts(db, items)));

const raiseStatement = fixedStatement<{ rows: string }>(
  () => sql`
    update audit_events a set hand_overs = a.hand_overs + v.n
    from jsonb_to_recordset(${sql.placeholder("rows")}::jsonb) as v(organization_id uuid, "window" text, n int)
    where a.organization_id = v.organization_id and a.hand_over_window = v."window"
    returning a.organization_id as "organizationId", a.hand_over_window as "window"`,
);

/** Raises each window's count by the number of its items; answers, per item, whether its row existed. */
async function raiseCounts(db: Db, items: Raise[]): Promise<boolean[]> {
  const counts = new Map<string, { organizationId: string; window: string; n: number }>();
  for (const item of items) {
    const id = `${item.organizationId} ${item.window}`;
    const found = counts.get(id);
    if (found) found.n += 1;
    else counts.set(id, { ...item, n: 1 });
  }
  const rows = [...counts.values()].map((c) => ({ organization_id: c.organizationId, window: c.window, n: c.n }));
  const raised = rowsOf<{ organizationId: string; window: string }>(
    await raiseStatement(db, { rows: JSON.stringify(rows) }),
  );
  const found = new Set(raised.map((r) => `${r.organizationId} ${r.window}`));
  return items.map((item) => found.has(`${item.organizationId} ${item.window}`));
}

// The chain's head, locked until the transaction ends: rows of one organization are chained one at a time.
async function lockHead(tx: Db, organizationId: string) {
  await tx.insert(auditChainHeads).values({ organizationId, seq: 0, hash: GENESIS }).onConflictDoNothing();
  const [head] = await tx
    .select({ seq: auditChainHeads.seq, hash: auditChainHeads.hash })
    .from(auditChainHeads)
    .where(eq(auditChainHeads.organizationId, organizationId))
    .for("update");
  return head!;
}

async function appendRow(tx: Db, entry: AuditEntry, handOverWindow: string | null): Promise<void> {
  const request = currentRequest();
  const actor = entry.actor ?? request?.actor ?? SYSTEM;
  const head = await lockHead(tx, entry.organizationId);
  const content = {
    id: randomUUID(),
    organizationId: entry.organizationId,
    seq: Number(head.seq) + 1,
    at: new Date(),
    actorType: actor.type,
    actorId: clip(actor.id),
    actorName: clip(actor.name),
    action: entry.action,
    targetType: entry.target.type,
    targetId: clip(entry.target.id),
    targetName: clip(entry.target.name),
    fields: [...new Set(entry.fields ?? [])].sort(),
    address: clip(request?.address),
    userAgent: clip(request?.userAgent),
    requestId: clip(request?.requestId),
    handOverWindow,
    prevHash: head.hash,
  };
  const hash = chainHash(content);
  await tx.insert(auditEvents).values({ ...content, hash });
  await tx
    .update(auditChainHeads)
    .set({ seq: content.seq, hash })
    .where(eq(auditChainHeads.organizationId, entry.organizationId));
}

/**
 * Runs a change and records it in one transaction: `entry` says what happened, from the change's
 * result where it needs it (the new row's id).
 */
export function audited<T>(
  db: Db,
  entry: AuditEntry | ((result: NoInfer<T>) => AuditEntry),
  change: (tx: Db) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const result = await change(tx);
    await recordAudit(tx, typeof entry === "function" ? entry(result) : entry);
    return result;
  });
}
