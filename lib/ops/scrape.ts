import "server-only";
import { sql } from "drizzle-orm";
import { POOL_MAX, type DatabaseKind, type Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { env } from "@/lib/env";
import { logUnexpected } from "@/lib/log";
import { countDue, countOverdue } from "@/lib/refresh/claim";
import { metrics } from "./metrics";
import { webhookBacklog, webhookFailures } from "./webhook-backlog";

/** The Prometheus text of this server, with the figures the database holds measured now. */
export async function scrapeMetrics(db: Db, kind: DatabaseKind): Promise<{ contentType: string; text: string }> {
  metrics.databasePoolMax.set(kind === "postgres" ? POOL_MAX : 1);
  try {
    const [{ due }, overdue, backlog, failures, connections] = await Promise.all([
      countDue(db),
      countOverdue(db, env.LATCHKEY_REFRESH_OVERDUE_SECONDS),
      webhookBacklog(db),
      webhookFailures(db),
      kind === "postgres" ? databaseConnections(db) : Promise.resolve([]),
    ]);
    metrics.connectionsDue.set(due);
    metrics.connectionsOverdue.set(overdue);
    metrics.webhooksPending.set(backlog.pending);
    metrics.webhookOldestPendingAge.set(ageSeconds(backlog.oldestPendingAt));
    metrics.webhooksFailed.set(failures.failed);
    metrics.webhookOldestFailedAge.set(ageSeconds(failures.oldestFailedAt));
    metrics.databaseConnections.reset();
    for (const c of connections) metrics.databaseConnections.set({ state: c.state }, c.n);
    metrics.databaseUp.set(1);
  } catch (error) {
    // The scrape still answers: the process's own figures, and the database marked down.
    logUnexpected("metrics scrape", error);
    metrics.databaseUp.set(0);
  }
  return { contentType: metrics.registry.contentType, text: await metrics.registry.metrics() };
}

const ageSeconds = (iso: string | null) => (iso ? Math.max(0, (Date.now() - Date.parse(iso)) / 1000) : 0);

// The states are PostgreSQL's own closed set (active, idle, idle in transaction, ...).
async function databaseConnections(db: Db): Promise<{ state: string; n: number }[]> {
  const rows = rowsOf<{ state: string | null; n: number }>(
    await db.execute(
      sql`select coalesce(state, 'unknown') as state, count(*)::int as n from pg_stat_activity where application_name = 'latchkey' group by 1`,
    ),
  );
  return rows.map((r) => ({ state: r.state ?? "unknown", n: Number(r.n) }));
}
