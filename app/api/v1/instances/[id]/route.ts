// GET /api/v1/instances/{id} - an instance with each connection's status and reason
// DELETE /api/v1/instances/{id} - delete it, with the credentials its wizard created
import { apiRoute } from "@/lib/api/route";
import { instanceSpecs } from "@/lib/api/specs/instances";
import { deleteInstance, getInstance } from "@/lib/instances/service";

export const GET = apiRoute(instanceSpecs.get, ({ db, principal, params }) =>
  getInstance(db, { organizationId: principal.organizationId }, params.id),
);

export const DELETE = apiRoute(instanceSpecs.delete, async ({ db, principal, params }) => {
  await deleteInstance(db, { organizationId: principal.organizationId }, params.id);
  return { deleted: true };
});
