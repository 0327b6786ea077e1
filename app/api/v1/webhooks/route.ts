// GET /api/v1/webhooks - the organization's webhook endpoints
// POST /api/v1/webhooks - add one; the answer holds its secret, this once
import { apiRoute } from "@/lib/api/route";
import { webhookSpecs } from "@/lib/api/specs/webhooks";
import { createWebhook, listWebhooks } from "@/lib/webhooks/service";

export const GET = apiRoute(webhookSpecs.list, async ({ db, principal }) => ({
  data: await listWebhooks(db, principal),
  nextCursor: null,
}));

export const POST = apiRoute(webhookSpecs.create, ({ db, principal, body }) => createWebhook(db, principal, body));
