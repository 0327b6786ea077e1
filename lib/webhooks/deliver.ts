import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { events } from "@/db/schema";
import { openWebhookSecrets } from "@/lib/credentials/secrets";
import { env } from "@/lib/env";
import { logUnexpected } from "@/lib/log";
import { retryDelayMs } from "./backoff";
import { claimDueDeliveries, type DeliveryClaim } from "./claim";
import { disableFailingEndpoint } from "./disable";
import { listEndpointsWithCiphertext } from "./queries";
import { sendEvent, type Attempt } from "./send";

// A delivery round: claim what is due, send each claim with bounded concurrency, and write each
// outcome fenced on its lease (a lease that expired and was taken over writes nothing).

const LEASE_MARGIN_MS = 20_000;
const BATCH = 64;

export type RoundResult = { claimed: number; delivered: number; retrying: number; failed: number };

type Target = { url: string; enabled: boolean; secrets: string[]; payload: string };

async function targetsOf(db: Db, claims: DeliveryClaim[]): Promise<Map<string, Target>> {
  const eventRows = await db
    .select()
    .from(events)
    .where(inArray(events.id, [...new Set(claims.map((c) => c.eventId))]));
  const endpointRows = await listEndpointsWithCiphertext(db, [...new Set(claims.map((c) => c.endpointId))]);
  const secretsOf = new Map<string, { url: string; enabled: boolean; secrets: string[] }>();
  for (const w of endpointRows)
    secretsOf.set(w.id, { url: w.url, enabled: w.enabled, secrets: await openWebhookSecrets(db, w) });
  const byEvent = new Map(eventRows.map((e) => [e.id, e]));
  const targets = new Map<string, Target>();
  for (const c of claims) {
    const e = byEvent.get(c.eventId);
    const w = secretsOf.get(c.endpointId);
    if (!e || !w) continue;
    const payload = JSON.stringify({
      id: e.id,
      type: e.type,
      createdAt: e.createdAt.toISOString(),
      organizationId: e.organizationId,
      data: e.data,
    });
    targets.set(c.id, { ...w, payload });
  }
  return targets;
}

/** Writes an attempt's outcome if the claim still holds the delivery; returns what became of it. */
async function commitAttempt(db: Db, c: DeliveryClaim, a: Attempt, scale: number, giveUp: boolean) {
  const wait = a.ok || giveUp ? null : retryDelayMs(c.attempts, scale);
  const status = a.ok ? "delivered" : wait === null ? "failed" : "pending";
  const next = wait === null ? null : new Date(Date.now() + wait).toISOString();
  const result = await db.execute(sql`
    with d as (
      update webhook_deliveries set status = ${status}, next_attempt_at = ${next}::timestamptz,
        delivered_at = case when ${a.ok} then now() else delivered_at end,
        last_status_code = ${a.statusCode}, last_error = ${a.error}, last_latency_ms = ${a.latencyMs},
        lease_until = null, lease_holder = null, updated_at = now()
      where id = ${c.id} and lease_holder = ${c.holder}
      returning endpoint_id)
    update webhook_endpoints w set failing_since = case when ${a.ok} then null else coalesce(w.failing_since, now()) end
    from d where w.id = d.endpoint_id
    returning w.id, w.enabled and w.failing_since < now() - interval '3 days' as "overdue"`);
  const [row] = rowsOf<{ id: string; overdue: boolean }>(result);
  if (row?.overdue) await disableFailingEndpoint(db, c.organizationId, row.id);
  return row ? status : "lost";
}

async function attempt(db: Db, c: DeliveryClaim, t: Target | undefined, scale: number) {
  const a: Attempt = !t
    ? { ok: false, statusCode: null, error: "The event or the endpoint is gone", latencyMs: 0 }
    : !t.enabled
      ? { ok: false, statusCode: null, error: "The endpoint is disabled", latencyMs: 0 }
      : await sendEvent(t.url, { id: c.eventId, payload: t.payload, secrets: t.secrets });
  // A delivery queued before its endpoint was disabled is failed at once: Retry now sends it later.
  return commitAttempt(db, c, a, scale, !!t && !t.enabled);
}

/**
 * Sends every delivery that is due, `concurrency` at a time, until none is left (or `maxMs` has
 * passed); what is retried later waits for a later round.
 */
export async function deliverDue(
  db: Db,
  o: { concurrency?: number; maxMs?: number; retryScale?: number } = {},
): Promise<RoundResult> {
  const concurrency = o.concurrency ?? env.LATCHKEY_WEBHOOK_CONCURRENCY;
  const scale = o.retryScale ?? env.LATCHKEY_WEBHOOK_RETRY_SCALE;
  const leaseMs = env.LATCHKEY_WEBHOOK_TIMEOUT_SECONDS * 1000 + LEASE_MARGIN_MS;
  const deadline = Date.now() + (o.maxMs ?? 50_000);
  const total: RoundResult = { claimed: 0, delivered: 0, retrying: 0, failed: 0 };
  const active = new Set<Promise<void>>();
  while (Date.now() < deadline) {
    const room = Math.min(BATCH, concurrency - active.size);
    if (room > 0) {
      const claims = await claimDueDeliveries(db, { limit: room, leaseMs });
      if (claims.length === 0 && active.size === 0) break;
      total.claimed += claims.length;
      const targets = claims.length > 0 ? await targetsOf(db, claims) : new Map<string, Target>();
      for (const c of claims) {
        const p: Promise<void> = attempt(db, c, targets.get(c.id), scale)
          .catch((error: unknown) => {
            logUnexpected("webhook delivery attempt", error);
            return "lost" as const;
          })
          .then((s) => {
            if (s === "delivered") total.delivered++;
            else if (s === "pending") total.retrying++;
            else if (s === "failed") total.failed++;
            active.delete(p);
          });
        active.add(p);
      }
      if (claims.length === 0 || active.size >= concurrency) await Promise.race(active);
    } else await Promise.race(active);
  }
  await Promise.all(active);
  return total;
}
