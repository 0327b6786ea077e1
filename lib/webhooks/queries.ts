import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookEndpoints, type WebhookEndpoint } from "@/db/schema";

// Webhook endpoints of one organization. The secret columns are left out of the summary: only the
// delivery (and the answers that show a new secret once) ever open them.

export const endpointSummaryColumns = {
  id: webhookEndpoints.id,
  organizationId: webhookEndpoints.organizationId,
  url: webhookEndpoints.url,
  events: webhookEndpoints.events,
  description: webhookEndpoints.description,
  enabled: webhookEndpoints.enabled,
  disabledReason: webhookEndpoints.disabledReason,
  createdAt: webhookEndpoints.createdAt,
  updatedAt: webhookEndpoints.updatedAt,
};
export type EndpointSummary = Pick<WebhookEndpoint, keyof typeof endpointSummaryColumns>;

const ofOrg = (organizationId: string, id?: string) =>
  and(eq(webhookEndpoints.organizationId, organizationId), id ? eq(webhookEndpoints.id, id) : undefined);

/** The organization's endpoints, newest first. */
export function listEndpointRows(db: Db, organizationId: string): Promise<EndpointSummary[]> {
  return db
    .select(endpointSummaryColumns)
    .from(webhookEndpoints)
    .where(ofOrg(organizationId))
    .orderBy(desc(webhookEndpoints.createdAt))
    .limit(500);
}

/** One endpoint of the organization. */
export async function findEndpointRow(db: Db, organizationId: string, id: string) {
  const [row] = await db.select(endpointSummaryColumns).from(webhookEndpoints).where(ofOrg(organizationId, id));
  return row;
}

/** Adds an endpoint. */
export async function insertEndpointRow(
  db: Db,
  organizationId: string,
  row: Omit<typeof webhookEndpoints.$inferInsert, "organizationId">,
) {
  await db.insert(webhookEndpoints).values({ ...row, organizationId });
}

/** Changes an endpoint of the organization; false when there is none. */
export async function updateEndpointRow(
  db: Db,
  organizationId: string,
  id: string,
  set: Partial<Omit<typeof webhookEndpoints.$inferInsert, "id" | "organizationId">>,
): Promise<boolean> {
  const rows = await db
    .update(webhookEndpoints)
    .set({ ...set, updatedAt: new Date() })
    .where(ofOrg(organizationId, id))
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

/** Deletes an endpoint of the organization (its deliveries go with it); false when there is none. */
export async function deleteEndpointRow(db: Db, organizationId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(webhookEndpoints)
    .where(ofOrg(organizationId, id))
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

/** An endpoint's sealed current secret and its URL, its row locked for a rotation. */
export async function findSecretCiphertext(db: Db, organizationId: string, id: string) {
  const [row] = await db
    .select({ secretCiphertext: webhookEndpoints.secretCiphertext, url: webhookEndpoints.url })
    .from(webhookEndpoints)
    .where(ofOrg(organizationId, id))
    .for("update");
  return row;
}

/** Endpoints with their sealed secrets, for the delivery to open and sign with (lib/credentials/secrets). */
export function listEndpointsWithCiphertext(db: Db, ids: string[]) {
  return db
    .select({
      id: webhookEndpoints.id,
      organizationId: webhookEndpoints.organizationId,
      url: webhookEndpoints.url,
      enabled: webhookEndpoints.enabled,
      secretCiphertext: webhookEndpoints.secretCiphertext,
      previousSecretCiphertext: webhookEndpoints.previousSecretCiphertext,
      previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt,
    })
    .from(webhookEndpoints)
    .where(inArray(webhookEndpoints.id, ids));
}
