// POST /api/v1/webhooks/{id}/test - queue a webhook.test event to this endpoint
import { apiRoute } from "@/lib/api/route";
import { webhookSpecs } from "@/lib/api/specs/webhooks";
import { sendTestEvent } from "@/lib/webhooks/deliveries";

export const POST = apiRoute(webhookSpecs.test, ({ db, principal, params }) => sendTestEvent(db, principal, params.id));
