// POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry - send a delivery again now
import { apiRoute } from "@/lib/api/route";
import { webhookSpecs } from "@/lib/api/specs/webhooks";
import { retryDelivery } from "@/lib/webhooks/deliveries";

export const POST = apiRoute(webhookSpecs.retry, ({ db, principal, params }) =>
  retryDelivery(db, principal, params.id, params.deliveryId),
);
