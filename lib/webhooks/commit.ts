import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { retryDelayMs } from "./backoff";
import type { DeliveryClaim } from "./claim";
import { disableFailingEndpoint } from "./disable";
import type { Attempt } from "./send";

// The outcomes of attempts, written fenced on their leases (a lease that expired and was taken
// over writes nothing), many in one statement: the senders of a round hand their outcomes to one
// group commit, which writes whatever has gathered while the previous statement ran.

export type Outcome = "delivered" | "pending" | "failed" | "lost";
type Item = { claim: DeliveryClaim; attempt: Attempt; giveUp: boolean; done: (o: Outcome) => void };

/**
 * Writes the outcomes. An endpoint row is written only when its run of failures starts or ends
 * (a success anywhere in the batch ends it): were every success to write it, concurrent
 * deliveries to one endpoint would queue on its row lock.
 */
async function commitOutcomes(db: Db, items: Item[], scale: number): Promise<Map<string, Outcome>> {
  const rows = items.map(({ claim: c, attempt: a, giveUp }) => {
    const wait = a.ok || giveUp ? null : retryDelayMs(c.attempts, scale);
    return {
      id: c.id,
      holder: c.holder,
      ok: a.ok,
      status: a.ok ? "delivered" : wait === null ? "failed" : "pending",
      next: wait === null ? null : new Date(Date.now() + wait).toISOString(),
      code: a.statusCode,
      error: a.error,
      latency: a.latencyMs,
    };
  });
  const result = await db.execute(sql`
    with v as (select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, holder text, ok boolean,
        status text, next timestamptz, code int, error text, latency int)),
    d as (
      update webhook_deliveries w set status = v.status, next_attempt_at = v.next,
        delivered_at = case when v.ok then now() else w.delivered_at end,
        last_status_code = v.code, last_error = v.error, last_latency_ms = v.latency,
        lease_until = null, lease_holder = null, updated_at = now()
      from v where w.id = v.id and w.lease_holder = v.holder
      returning w.id, w.organization_id, w.endpoint_id, v.ok, v.status),
    e as (select endpoint_id, organization_id, bool_or(ok) as ok from d group by endpoint_id, organization_id),
    started as (update webhook_endpoints w set failing_since = now()
      from e where w.id = e.endpoint_id and not e.ok and w.failing_since is null returning w.id),
    ended as (update webhook_endpoints w set failing_since = null
      from e where w.id = e.endpoint_id and e.ok and w.failing_since is not null returning w.id)
    select d.id, d.status, d.endpoint_id as "endpointId", d.organization_id as "organizationId",
      coalesce(not e.ok and w.enabled and w.failing_since < now() - interval '3 days', false) as "overdue"
    from d join e on e.endpoint_id = d.endpoint_id join webhook_endpoints w on w.id = d.endpoint_id`);
  const written = rowsOf<{ id: string; status: Outcome; endpointId: string; organizationId: string; overdue: boolean }>(
    result,
  );
  const overdue = new Map(written.filter((r) => r.overdue).map((r) => [r.endpointId, r.organizationId]));
  for (const [endpointId, organizationId] of overdue) await disableFailingEndpoint(db, organizationId, endpointId);
  return new Map(written.map((r) => [r.id, r.status]));
}

/** A round's group commit: `add` resolves once the outcome is written. */
export function groupCommit(db: Db, scale: number) {
  let pending: Item[] = [];
  let flushing = false;
  const flush = async () => {
    flushing = true;
    try {
      while (pending.length > 0) {
        const batch = pending;
        pending = [];
        try {
          const written = await commitOutcomes(db, batch, scale);
          for (const item of batch) item.done(written.get(item.claim.id) ?? "lost");
        } catch (error) {
          // Nothing may wait for ever: what gathered meanwhile is given up too (its leases expire).
          for (const item of [...batch, ...pending]) item.done("lost");
          pending = [];
          throw error;
        }
      }
    } finally {
      flushing = false;
    }
  };
  return (claim: DeliveryClaim, attempt: Attempt, giveUp: boolean) =>
    new Promise<Outcome>((resolve, reject) => {
      pending.push({ claim, attempt, giveUp, done: resolve });
      if (!flushing) flush().catch(reject);
    });
}
