import "server-only";
import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { events, webhookDeliveries, type WebhookDelivery } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { decodeCursor, page } from "@/lib/pagination";
import { kickDelivery } from "./kick";
import type { DeliveryDto, deliveryListQuery } from "./schemas";
import { getWebhook, type WebhookActor } from "./service";

// An endpoint's delivery log, Retry now, and the test event. Each checks the actor through
// getWebhook (team members read, admins act) and the endpoint's organization in every query.

const toDto = (d: WebhookDelivery): DeliveryDto => ({
  id: d.id,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  latencyMs: d.lastLatencyMs,
  nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
});

/** A page of an endpoint's deliveries, newest first, optionally of one status. */
export async function listDeliveries(
  db: Db,
  actor: WebhookActor,
  endpointId: string,
  q: z.infer<typeof deliveryListQuery>,
): Promise<{ data: DeliveryDto[]; nextCursor: string | null }> {
  await getWebhook(db, actor, endpointId);
  const cursor = decodeCursor(q.cursor);
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.organizationId, actor.organizationId),
        eq(webhookDeliveries.endpointId, endpointId),
        q.status ? eq(webhookDeliveries.status, q.status) : undefined,
        cursor
          ? or(
              lt(webhookDeliveries.createdAt, cursor.createdAt),
              and(eq(webhookDeliveries.createdAt, cursor.createdAt), lt(webhookDeliveries.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(q.limit + 1);
  const p = page(rows, q.limit);
  return { data: p.data.map(toDto), nextCursor: p.nextCursor };
}

/** The payload a delivery sends (the log shows it): the event as the endpoint receives it. */
export async function deliveryPayload(db: Db, actor: WebhookActor, endpointId: string, deliveryId: string) {
  await getWebhook(db, actor, endpointId);
  const [row] = await db
    .select({
      id: events.id,
      type: events.type,
      createdAt: events.createdAt,
      organizationId: events.organizationId,
      data: events.data,
    })
    .from(webhookDeliveries)
    .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
    .where(
      and(
        eq(webhookDeliveries.organizationId, actor.organizationId),
        eq(webhookDeliveries.endpointId, endpointId),
        eq(webhookDeliveries.id, deliveryId),
      ),
    );
  if (!row) throw new NotFoundError("No such delivery");
  return { ...row, createdAt: row.createdAt.toISOString() };
}

/** Sends a delivery again now, whatever its status, unless an attempt is under way. */
export async function retryDelivery(db: Db, actor: WebhookActor, endpointId: string, deliveryId: string) {
  await requireManager(db, actor, endpointId);
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: "pending", nextAttemptAt: new Date(), updatedAt: new Date() })
    .where(
      and(
        eq(webhookDeliveries.organizationId, actor.organizationId),
        eq(webhookDeliveries.endpointId, endpointId),
        eq(webhookDeliveries.id, deliveryId),
        sql`(${webhookDeliveries.leaseUntil} is null or ${webhookDeliveries.leaseUntil} < now())`,
      ),
    )
    .returning();
  if (!row) {
    const [exists] = await db
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.organizationId, actor.organizationId),
          eq(webhookDeliveries.id, deliveryId),
          eq(webhookDeliveries.endpointId, endpointId),
        ),
      );
    if (!exists) throw new NotFoundError("No such delivery");
    throw new ConflictError("This delivery is being sent right now; look again in a few seconds");
  }
  kickDelivery();
  return toDto(row);
}

/** Queues a webhook.test event to this endpoint only. */
export async function sendTestEvent(db: Db, actor: WebhookActor, endpointId: string) {
  const endpoint = await requireManager(db, actor, endpointId);
  const data = { endpoint: { id: endpoint.id, url: endpoint.url }, message: "A test event sent from Latchkey" };
  const result = await db.execute(sql`
    with e as (insert into events (organization_id, type, data) values (${actor.organizationId}, 'webhook.test', ${JSON.stringify(data)}::jsonb)
      returning id)
    insert into webhook_deliveries (organization_id, endpoint_id, event_id, event_type)
    select ${actor.organizationId}, ${endpoint.id}, e.id, 'webhook.test' from e
    returning event_id as "eventId", id as "deliveryId"`);
  kickDelivery();
  return rowsOf<{ eventId: string; deliveryId: string }>(result)[0]!;
}

async function requireManager(db: Db, actor: WebhookActor, endpointId: string) {
  if (!can(actor.role, "webhooks:manage")) throw new ForbiddenError("Only organization admins manage webhooks");
  return getWebhook(db, actor, endpointId);
}
