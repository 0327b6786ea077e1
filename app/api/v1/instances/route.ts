// GET /api/v1/instances - instances of the organization, optionally of one customer or integration
// POST /api/v1/instances - deploy an integration to a customer
import { apiRoute } from "@/lib/api/route";
import { instanceSpecs } from "@/lib/api/specs/instances";
import { deployInstance, listInstances } from "@/lib/instances/service";

export const GET = apiRoute(instanceSpecs.list, async ({ db, principal, query }) => ({
  data: await listInstances(db, { organizationId: principal.organizationId }, query),
  nextCursor: null,
}));

export const POST = apiRoute(instanceSpecs.deploy, ({ db, principal, body }) =>
  deployInstance(db, { organizationId: principal.organizationId }, body, null),
);
