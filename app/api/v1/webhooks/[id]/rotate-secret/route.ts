// POST /api/v1/webhooks/{id}/rotate-secret - a new signing secret; the old one signs beside it for 24 hours
import { apiRoute } from "@/lib/api/route";
import { webhookSpecs } from "@/lib/api/specs/webhooks";
import { rotateWebhookSecret } from "@/lib/webhooks/service";

export const POST = apiRoute(webhookSpecs.rotateSecret, ({ db, principal, params }) =>
  rotateWebhookSecret(db, principal, params.id),
);
