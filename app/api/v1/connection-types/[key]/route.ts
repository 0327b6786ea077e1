// GET /api/v1/connection-types/{key} - one connection type, built-in or custom
// PATCH /api/v1/connection-types/{key} - change a custom connection type
// DELETE /api/v1/connection-types/{key} - delete a custom connection type no integration uses
import { apiRoute } from "@/lib/api/route";
import { connectionTypeSpecs } from "@/lib/api/specs/connection-types";
import { deleteConnectionType, getConnectionType, updateConnectionType } from "@/lib/connection-types/service";

export const GET = apiRoute(connectionTypeSpecs.get, ({ db, principal, params }) =>
  getConnectionType(db, principal.organizationId, params.key),
);

export const PATCH = apiRoute(connectionTypeSpecs.update, ({ db, principal, params, body }) =>
  updateConnectionType(db, principal.organizationId, params.key, body),
);

export const DELETE = apiRoute(connectionTypeSpecs.delete, async ({ db, principal, params }) => {
  await deleteConnectionType(db, principal.organizationId, params.key);
  return { deleted: true };
});
