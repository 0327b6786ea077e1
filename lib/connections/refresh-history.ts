import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { selectConnections } from "./health";
import {
  lastDay,
  lastDayHours,
  REFRESH_FAILURE_EVENTS,
  REFRESH_SUCCESS_EVENT,
  type RefreshOutcome,
} from "./refresh-window";

// Refresh successes and failures from the connection log, for the dashboard's chart and its links.

// Written out rather than bound, so that the planner sees the predicate of the partial index
// connection_logs_refresh_events_idx and uses it.
const refreshEvents = sql.raw(
  `(${[REFRESH_SUCCESS_EVENT, ...REFRESH_FAILURE_EVENTS].map((e) => `'${e}'`).join(", ")})`,
);
const isSuccess = sql.raw(`l.event = '${REFRESH_SUCCESS_EVENT}'`);

export type RefreshHour = { start: string; refreshed: number; failed: number };

/** Refresh events of the last day (lastDay) in hourly buckets, oldest first, every hour present. */
export async function refreshHistory(db: Db, organizationId: string, now: Date): Promise<RefreshHour[]> {
  const { from, to } = lastDay(now);
  const result = await db.execute(sql`
    select floor(extract(epoch from (l.created_at - ${from.toISOString()}::timestamptz)) / 3600)::int as hour,
      count(*) filter (where ${isSuccess})::int as refreshed,
      count(*) filter (where not ${isSuccess})::int as failed
    from connection_logs l
    where l.organization_id = ${organizationId} and l.event in ${refreshEvents}
      and l.created_at >= ${from.toISOString()}::timestamptz and l.created_at < ${to.toISOString()}::timestamptz
    group by 1`);
  const byHour = new Map(
    rowsOf<{ hour: number; refreshed: number; failed: number }>(result).map((r) => [Number(r.hour), r]),
  );
  return lastDayHours(now).map((start, i) => ({
    start: start.toISOString(),
    refreshed: Number(byHour.get(i)?.refreshed ?? 0),
    failed: Number(byHour.get(i)?.failed ?? 0),
  }));
}

/**
 * The connections whose credential had a refresh with this outcome between `from` and `to`, with
 * how many of each; a credential shared by several connections lists each of them.
 */
export async function connectionsRefreshed(
  db: Db,
  organizationId: string,
  q: { from: Date; to: Date; outcome: RefreshOutcome },
  limit = 200,
) {
  const outcome =
    q.outcome === "refreshed" ? sql`r.refreshed > 0` : q.outcome === "failed" ? sql`r.failed > 0` : undefined;
  return selectConnections<{ refreshCount: number; failureCount: number }>(db, organizationId, {
    joins: sql`join (
      select l.credential_id, count(*) filter (where ${isSuccess})::int as refreshed, count(*) filter (where not ${isSuccess})::int as failed
      from connection_logs l
      where l.organization_id = ${organizationId} and l.event in ${refreshEvents}
        and l.created_at >= ${q.from.toISOString()}::timestamptz and l.created_at < ${q.to.toISOString()}::timestamptz
      group by l.credential_id
    ) r on r.credential_id = c.id`,
    where: outcome,
    extra: sql`r.refreshed as "refreshCount", r.failed as "failureCount"`,
    limit,
  });
}
