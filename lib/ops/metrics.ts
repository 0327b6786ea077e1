import "server-only";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// The server's Prometheus metrics. Labels are closed sets of words (outcomes, reasons, states):
// never an organization's or customer's name, an id or a secret, so their number stays bounded.
// Figures read from the database (connections due, webhook backlog, connections) are measured
// when scraped (lib/ops/scrape.ts); the rest are counted where they happen.

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "latchkey_" });
  const registers = [registry];
  return {
    registry,
    refreshRuns: new Counter({ name: "latchkey_refresh_runs_total", help: "Refresh runs finished", registers }),
    refreshRunDuration: new Histogram({
      name: "latchkey_refresh_run_duration_seconds",
      help: "Duration of a refresh run",
      buckets: [0.01, 0.05, 0.25, 1, 5, 15, 60],
      registers,
    }),
    refreshes: new Counter({
      name: "latchkey_refreshes_total",
      help: "Token refreshes by outcome (refreshed, failed, lost: the lease went to another worker)",
      labelNames: ["outcome"] as const,
      registers,
    }),
    refreshDuration: new Histogram({
      name: "latchkey_refresh_duration_seconds",
      help: "Duration of one token refresh, from claim to commit, by outcome",
      labelNames: ["outcome"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
      registers,
    }),
    leasesLost: new Counter({
      name: "latchkey_refresh_leases_lost_total",
      help: "Refreshes whose lease was lost before their result could be committed",
      registers,
    }),
    runtimeCalls: new Counter({
      name: "latchkey_runtime_calls_total",
      help: "Runtime values calls (hand-overs of secrets to integration code) by outcome",
      labelNames: ["outcome"] as const,
      registers,
    }),
    runtimeDuration: new Histogram({
      name: "latchkey_runtime_call_duration_seconds",
      help: "Latency of runtime values calls by outcome",
      labelNames: ["outcome"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    signInFailures: new Counter({
      name: "latchkey_sign_in_failures_total",
      help: "Refused password sign-ins by reason (wrong_credentials, invalid_input, locked_out)",
      labelNames: ["reason"] as const,
      registers,
    }),
    signInLockouts: new Counter({
      name: "latchkey_sign_in_lockouts_total",
      help: "Sign-ins refused by the rate limit, by what was limited (account or address)",
      labelNames: ["scope"] as const,
      registers,
    }),
    connectionsDue: new Gauge({
      name: "latchkey_connections_due",
      help: "Tokens due for refresh now",
      registers,
    }),
    connectionsOverdue: new Gauge({
      name: "latchkey_connections_overdue",
      help: "Tokens due for longer than LATCHKEY_REFRESH_OVERDUE_SECONDS",
      registers,
    }),
    webhooksPending: new Gauge({
      name: "latchkey_webhook_deliveries_pending",
      help: "Webhook deliveries waiting to be sent",
      registers,
    }),
    webhookOldestPendingAge: new Gauge({
      name: "latchkey_webhook_oldest_pending_age_seconds",
      help: "Age of the oldest webhook delivery waiting to be sent (0 when none)",
      registers,
    }),
    webhooksFailed: new Gauge({
      name: "latchkey_webhook_deliveries_failed",
      help: "Webhook deliveries given up on after a day of retries, of the 30 days kept",
      registers,
    }),
    webhookOldestFailedAge: new Gauge({
      name: "latchkey_webhook_oldest_failed_age_seconds",
      help: "Age of the oldest failed webhook delivery kept (0 when none)",
      registers,
    }),
    databaseUp: new Gauge({ name: "latchkey_database_up", help: "1 when the database answered the scrape", registers }),
    databaseConnections: new Gauge({
      name: "latchkey_database_connections",
      help: "Connections of Latchkey's servers to PostgreSQL by state (pg_stat_activity)",
      labelNames: ["state"] as const,
      registers,
    }),
    databasePoolMax: new Gauge({
      name: "latchkey_database_pool_max",
      help: "Connections this server's pool may open",
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

// One set per process, whichever bundle of the server counts first.
const holder = globalThis as unknown as { latchkeyMetrics?: Metrics };
/** The server's metrics. */
export const metrics: Metrics = (holder.latchkeyMetrics ??= createMetrics());

/** Seconds since `startedAt` (a performance.now() reading). */
export const secondsSince = (startedAt: number) => (performance.now() - startedAt) / 1000;
