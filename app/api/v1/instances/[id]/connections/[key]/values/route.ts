// GET /api/v1/instances/{id}/connections/{key}/values - runtime: the values and the access token
import { apiRoute } from "@/lib/api/route";
import { connectionParams } from "@/lib/api/schemas-v1";
import { connectionRuntimeValues } from "@/lib/runtime/values";

export const GET = apiRoute({ auth: "apiKey", permission: "runtime:read", params: connectionParams }, ({ db, principal, params }) =>
  connectionRuntimeValues(db, { organizationId: principal.organizationId }, params.id, params.key),
);
