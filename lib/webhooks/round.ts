import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { recordHeartbeat } from "@/lib/ops/heartbeats";
import { deliverDue, type RoundResult } from "./deliver";

// The sweep of the cron route and the in-process scheduler: what no kick delivered (retries due,
// a server that died mid-send), and the 30 days' retention of events and their deliveries.

const RETENTION_DAYS = 30;
const PRUNE_BATCH = 5_000;

/** Deletes events older than 30 days with their deliveries, a batch per call; returns how many. */
export async function pruneWebhookHistory(db: Db): Promise<number> {
  const result = await db.execute(sql`
    with gone as (delete from events where id in (
      select id from events where created_at < now() - ${RETENTION_DAYS} * interval '1 day' limit ${PRUNE_BATCH})
      returning 1)
    select count(*)::int as n from gone`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

/** One sweep: prune, then send what is due; its heartbeat tells the health route that delivery runs. */
export async function runWebhookRound(
  db: Db,
  o: { maxMs?: number } = {},
): Promise<RoundResult & { pruned: number; ms: number }> {
  const started = Date.now();
  const pruned = await pruneWebhookHistory(db);
  const result = await deliverDue(db, { maxMs: o.maxMs ?? 45_000 });
  const run = { ...result, pruned, ms: Date.now() - started };
  await recordHeartbeat(db, "webhooks", run);
  return run;
}

/** The health route's view: how many deliveries wait, and since when the oldest does. */
export async function webhookBacklog(db: Db): Promise<{ pending: number; oldestPendingAt: string | null }> {
  const result = await db.execute(sql`
    select count(*)::int as pending, min(created_at) as oldest from webhook_deliveries where status = 'pending'`);
  const row = rowsOf<{ pending: number; oldest: string | Date | null }>(result)[0];
  const oldest = row?.oldest ? new Date(row.oldest).toISOString() : null;
  return { pending: Number(row?.pending ?? 0), oldestPendingAt: oldest };
}

/** The metrics' view of deliveries given up on (kept 30 days): how many, and since when the oldest. */
export async function webhookFailures(db: Db): Promise<{ failed: number; oldestFailedAt: string | null }> {
  const result = await db.execute(sql`
    select count(*)::int as failed, min(created_at) as oldest from webhook_deliveries where status = 'failed'`);
  const row = rowsOf<{ failed: number; oldest: string | Date | null }>(result)[0];
  const oldest = row?.oldest ? new Date(row.oldest).toISOString() : null;
  return { failed: Number(row?.failed ?? 0), oldestFailedAt: oldest };
}
