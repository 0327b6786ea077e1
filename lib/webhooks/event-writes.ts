import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import type { EventType } from "./event-types";
import { kickDelivery } from "./kick";

// Event rows, written as CTEs of the statement that makes the change (or in its transaction), so
// that an event exists exactly when its change committed, with a delivery to each enabled endpoint
// that wants it; the writer then kicks delivery, which runs once the transaction has committed.

/**
 * The writes of a relation with columns (organization_id uuid, type text, data jsonb, ord bigint),
 * as CTEs for a `with` list; created_at grows from row to row in `ord` order.
 */
export function webhookEventWrites(relation: SQL): SQL {
  return sql`wh_new as (select * from ${relation} w),
    wh_events as (insert into events (organization_id, type, data, created_at)
      select organization_id, type, data, clock_timestamp() from wh_new order by ord
      returning id, organization_id, type, created_at),
    wh_deliveries as (insert into webhook_deliveries (organization_id, endpoint_id, event_id, event_type)
      select e.organization_id, w.id, e.id, e.type from wh_events e
      join webhook_endpoints w on w.organization_id = e.organization_id and w.enabled
        and (w.events @> array['*'] or e.type = any(w.events))
      where e.type <> 'webhook.test'
      returning id)`;
}

/**
 * The number of deliveries the statement's webhookEventWrites queued, as an expression for its
 * final select (`… as "queuedDeliveries"`): the writer kicks delivery only when there are some, so
 * that the runtime hand-over and the refresh commit, which mostly queue none, cost no delivery round.
 */
export const queuedDeliveries = sql`(select count(*)::int from wh_deliveries)`;

/** Kicks delivery when the statement's rows say it queued deliveries. */
export function kickIfQueued(rows: { queuedDeliveries?: number | string | null }[]): void {
  if (rows.some((r) => Number(r.queuedDeliveries ?? 0) > 0)) kickDelivery();
}

export type DomainEvent = { organizationId: string; type: EventType; data: Record<string, unknown> };

/** Records events of credentials and instances, in the caller's transaction. */
export async function recordDomainEvents(db: Db, list: DomainEvent[]): Promise<void> {
  if (list.length === 0) return;
  const rows = list.map((e) => ({ organization_id: e.organizationId, type: e.type, data: e.data }));
  const relation = sql`(select r.*, o.ord from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) with ordinality as o(doc, ord),
    jsonb_to_record(o.doc) as r(organization_id uuid, type text, data jsonb))`;
  const result = await db.execute(
    sql`with ${webhookEventWrites(relation)} select ${queuedDeliveries} as "queuedDeliveries"`,
  );
  kickIfQueued(rowsOf(result));
}
