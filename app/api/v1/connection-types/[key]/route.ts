// GET /api/v1/connection-types/{key} - one connection type, built-in or custom
// PATCH /api/v1/connection-types/{key} - change a custom connection type
// DELETE /api/v1/connection-types/{key} - delete a custom connection type no integration uses
import { apiRoute } from "@/lib/api/route";
import { typeKeyParams } from "@/lib/api/schemas-v1";
import { connectionTypePatchSchema } from "@/lib/connection-types/definition";
import { deleteConnectionType, getConnectionType, updateConnectionType } from "@/lib/connection-types/service";

export const GET = apiRoute({ auth: "apiKey", params: typeKeyParams }, ({ db, principal, params }) =>
  getConnectionType(db, principal.organizationId, params.key),
);

export const PATCH = apiRoute(
  { auth: "apiKey", permission: "catalog:write", params: typeKeyParams, body: connectionTypePatchSchema },
  ({ db, principal, params, body }) => updateConnectionType(db, principal.organizationId, params.key, body),
);

export const DELETE = apiRoute(
  { auth: "apiKey", permission: "catalog:write", params: typeKeyParams },
  async ({ db, principal, params }) => {
    await deleteConnectionType(db, principal.organizationId, params.key);
    return { deleted: true };
  },
);
