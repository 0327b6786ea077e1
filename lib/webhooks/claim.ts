import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";

// Deliveries are claimed as the refresh claims tokens (lib/refresh/claim.ts): one statement whose
// inner SELECT locks due rows with SKIP LOCKED and writes a lease, so concurrent sweepers on any
// number of servers take disjoint deliveries and no delivery is sent twice at once. No lock is held
// across the HTTP call; the outcome is written only by the lease's holder (./deliver.ts). A claim
// counts as an attempt: a server that dies mid-send leaves a lease that expires, and the delivery
// is tried again (at least once).

export type DeliveryClaim = {
  id: string;
  organizationId: string;
  endpointId: string;
  eventId: string;
  attempts: number;
  holder: string;
};

/** Claims up to `limit` due deliveries, oldest due first. */
export async function claimDueDeliveries(db: Db, o: { limit: number; leaseMs: number }): Promise<DeliveryClaim[]> {
  const holder = randomUUID();
  const result = await db.execute(sql`
    update webhook_deliveries set lease_until = now() + ${o.leaseMs} * interval '1 millisecond', lease_holder = ${holder},
      attempts = attempts + 1, updated_at = now()
    where ctid = any(array(
      select ctid from webhook_deliveries
      where status = 'pending' and next_attempt_at <= now() and (lease_until is null or lease_until < now())
      order by next_attempt_at limit ${o.limit} for update skip locked))
    returning id, organization_id as "organizationId", endpoint_id as "endpointId", event_id as "eventId", attempts`);
  return rowsOf<Omit<DeliveryClaim, "holder">>(result).map((r) => ({ ...r, attempts: Number(r.attempts), holder }));
}
