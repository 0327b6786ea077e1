// POST /api/v1/instances/{id}/connections/{key}/test - run the connection type's test request
import { apiRoute } from "@/lib/api/route";
import { instanceSpecs } from "@/lib/api/specs/instances";
import { testInstanceConnection } from "@/lib/instances/test-connection";

export const POST = apiRoute(instanceSpecs.test, ({ db, principal, params }) =>
  testInstanceConnection(db, { organizationId: principal.organizationId }, params.id, params.key),
);
