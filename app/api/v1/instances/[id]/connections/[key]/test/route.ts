// POST /api/v1/instances/{id}/connections/{key}/test - run the connection type's test request
import { apiRoute } from "@/lib/api/route";
import { connectionParams } from "@/lib/api/schemas-v1";
import { testInstanceConnection } from "@/lib/instances/test-connection";

export const POST = apiRoute(
  { auth: "apiKey", permission: "instances:write", params: connectionParams },
  ({ db, principal, params }) =>
    testInstanceConnection(db, { organizationId: principal.organizationId }, params.id, params.key),
);
