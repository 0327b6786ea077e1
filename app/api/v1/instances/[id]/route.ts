// GET /api/v1/instances/{id} - an instance with each connection's status and reason
// DELETE /api/v1/instances/{id} - delete it, with the credentials its wizard created
import { apiRoute } from "@/lib/api/route";
import { idParams } from "@/lib/credentials/api-schemas";
import { deleteInstance, getInstance } from "@/lib/instances/service";

export const GET = apiRoute({ auth: "apiKey", params: idParams }, ({ db, principal, params }) =>
  getInstance(db, { organizationId: principal.organizationId }, params.id),
);

export const DELETE = apiRoute(
  { auth: "apiKey", permission: "instances:write", params: idParams },
  async ({ db, principal, params }) => {
    await deleteInstance(db, { organizationId: principal.organizationId }, params.id);
    return { deleted: true };
  },
);
