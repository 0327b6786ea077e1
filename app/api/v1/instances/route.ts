// GET /api/v1/instances - instances of the organization, optionally of one customer or integration
// POST /api/v1/instances - deploy an integration to a customer
import { apiRoute, withStatus } from "@/lib/api/route";
import { instanceListQuery } from "@/lib/api/schemas-v1";
import { deployInstance, instanceInput, listInstances } from "@/lib/instances/service";

export const GET = apiRoute({ auth: "apiKey", query: instanceListQuery }, async ({ db, principal, query }) => ({
  data: await listInstances(db, { organizationId: principal.organizationId }, query),
  nextCursor: null,
}));

export const POST = apiRoute(
  { auth: "apiKey", permission: "instances:write", body: instanceInput },
  async ({ db, principal, body }) =>
    withStatus(201, await deployInstance(db, { organizationId: principal.organizationId }, body, null)),
);
