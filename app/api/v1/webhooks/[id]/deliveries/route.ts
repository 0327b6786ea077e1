// GET /api/v1/webhooks/{id}/deliveries - the endpoint's deliveries, newest first
import { apiRoute } from "@/lib/api/route";
import { webhookSpecs } from "@/lib/api/specs/webhooks";
import { listDeliveries } from "@/lib/webhooks/deliveries";

export const GET = apiRoute(webhookSpecs.deliveries, async ({ db, principal, params, query }) =>
  listDeliveries(db, principal, params.id, query),
);
