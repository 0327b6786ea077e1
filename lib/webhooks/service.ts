import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Db } from "@/db/client";
import type { UserRole } from "@/db/schema";
import { audited, recordAudit } from "@/lib/audit/record";
import { can, type Permission } from "@/lib/auth/permissions";
import { encryptForTenant } from "@/lib/crypto/tenant-keys";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import {
  deleteEndpointRow,
  findSecretCiphertext,
  findEndpointRow,
  insertEndpointRow,
  listEndpointRows,
  updateEndpointRow,
  type EndpointSummary,
} from "./queries";
import type { WebhookDto, webhookInputSchema, webhookPatchSchema } from "./schemas";
import { newWebhookSecret, PREVIOUS_SECRET_MS } from "./secret";
import { webhookUrlProblem } from "./url";

// Webhook endpoints (API.md, Webhooks), for every entry point: the API, the Settings screen. Each
// function checks the actor's role itself (builders and viewers read, admins manage, customer users
// nothing), so no door can skip it.

/** Who asks: the organization and the role of the key or the signed-in user. */
export type WebhookActor = { organizationId: string; role: UserRole };

function require(actor: WebhookActor, permission: Permission) {
  if (!can(actor.role, permission))
    throw new ForbiddenError(
      permission === "webhooks:read"
        ? "Webhooks are the organization team's: customer users do not see them"
        : "Only organization admins manage webhooks",
    );
}

const toDto = (r: EndpointSummary): WebhookDto => ({
  id: r.id,
  url: r.url,
  events: r.events,
  description: r.description,
  enabled: r.enabled,
  disabledReason: r.disabledReason,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

// The audit trail names an endpoint by its host: a receiver's path may hold a token of its own.
const auditTarget = (id: string, url: string) => ({ type: "webhook_endpoint", id, name: new URL(url).host });

const sealSecret = (db: Db, organizationId: string, id: string, secret: string) =>
  encryptForTenant(db, { organizationId, customerId: null }, id, secret);

async function checkUrl(url: string) {
  const problem = await webhookUrlProblem(url);
  if (problem) throw new ValidationError("The URL cannot receive webhooks", { url: problem });
}

/** The organization's endpoints. */
export async function listWebhooks(db: Db, actor: WebhookActor): Promise<WebhookDto[]> {
  require(actor, "webhooks:read");
  return (await listEndpointRows(db, actor.organizationId)).map(toDto);
}

/** One endpoint. */
export async function getWebhook(db: Db, actor: WebhookActor, id: string): Promise<WebhookDto> {
  require(actor, "webhooks:read");
  const row = await findEndpointRow(db, actor.organizationId, id);
  if (!row) throw new NotFoundError("No such webhook endpoint");
  return toDto(row);
}

/** Adds an endpoint; the answer holds its secret, shown this once. */
export async function createWebhook(db: Db, actor: WebhookActor, input: z.infer<typeof webhookInputSchema>) {
  require(actor, "webhooks:manage");
  await checkUrl(input.url);
  const id = randomUUID();
  const secret = newWebhookSecret();
  await audited(
    db,
    { organizationId: actor.organizationId, action: "webhook_endpoint.created", target: auditTarget(id, input.url) },
    async (tx) =>
      insertEndpointRow(tx, actor.organizationId, {
        id,
        url: input.url,
        events: input.events,
        description: input.description ?? "",
        secretCiphertext: await sealSecret(tx, actor.organizationId, id, secret),
      }),
  );
  return { ...(await getWebhook(db, actor, id)), secret };
}

/** Changes an endpoint's URL, events, description or whether it is enabled. */
export async function updateWebhook(
  db: Db,
  actor: WebhookActor,
  id: string,
  input: z.infer<typeof webhookPatchSchema>,
) {
  require(actor, "webhooks:manage");
  if (input.url !== undefined) await checkUrl(input.url);
  const fields = (["url", "events", "description", "enabled"] as const).filter((f) => input[f] !== undefined);
  await db.transaction(async (tx) => {
    const changed = await updateEndpointRow(tx, actor.organizationId, id, {
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.events !== undefined ? { events: input.events } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      // Enabling again forgets why Latchkey disabled it and starts the failure count afresh.
      ...(input.enabled !== undefined ? { enabled: input.enabled, disabledReason: null, failingSince: null } : {}),
    });
    if (!changed) throw new NotFoundError("No such webhook endpoint");
    const row = await findEndpointRow(tx, actor.organizationId, id);
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      action: "webhook_endpoint.updated",
      target: auditTarget(id, row!.url),
      fields: [...fields],
    });
  });
  return getWebhook(db, actor, id);
}

/** Deletes an endpoint and its deliveries. */
export async function deleteWebhook(db: Db, actor: WebhookActor, id: string): Promise<void> {
  require(actor, "webhooks:manage");
  await db.transaction(async (tx) => {
    const row = await findEndpointRow(tx, actor.organizationId, id);
    if (!row || !(await deleteEndpointRow(tx, actor.organizationId, id)))
      throw new NotFoundError("No such webhook endpoint");
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      action: "webhook_endpoint.deleted",
      target: auditTarget(id, row.url),
    });
  });
}

/** A new secret, shown this once; the current one keeps signing beside it for 24 hours. */
export async function rotateWebhookSecret(db: Db, actor: WebhookActor, id: string) {
  require(actor, "webhooks:manage");
  return db.transaction(async (tx) => {
    const current = await findSecretCiphertext(tx, actor.organizationId, id);
    if (!current) throw new NotFoundError("No such webhook endpoint");
    const secret = newWebhookSecret();
    const expiresAt = new Date(Date.now() + PREVIOUS_SECRET_MS);
    await updateEndpointRow(tx, actor.organizationId, id, {
      secretCiphertext: await sealSecret(tx, actor.organizationId, id, secret),
      previousSecretCiphertext: current.secretCiphertext,
      previousSecretExpiresAt: expiresAt,
    });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      action: "webhook_endpoint.secret_rotated",
      target: auditTarget(id, current.url),
      fields: ["secret"],
    });
    return { secret, previousSecretExpiresAt: expiresAt.toISOString() };
  });
}
