// GET /api/v1/webhooks/{id} - one webhook endpoint
// PATCH /api/v1/webhooks/{id} - change its URL, events, description, or disable or enable it
// DELETE /api/v1/webhooks/{id} - delete it and its deliveries
import { apiRoute } from "@/lib/api/route";
import { webhookSpecs } from "@/lib/api/specs/webhooks";
import { deleteWebhook, getWebhook, updateWebhook } from "@/lib/webhooks/service";

export const GET = apiRoute(webhookSpecs.get, ({ db, principal, params }) => getWebhook(db, principal, params.id));

export const PATCH = apiRoute(webhookSpecs.update, ({ db, principal, params, body }) =>
  updateWebhook(db, principal, params.id, body),
);

export const DELETE = apiRoute(webhookSpecs.delete, async ({ db, principal, params }) => {
  await deleteWebhook(db, principal, params.id);
  return { deleted: true };
});
