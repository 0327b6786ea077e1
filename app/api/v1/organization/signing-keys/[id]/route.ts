// DELETE /api/v1/organization/signing-keys/{id} - remove a key; tokens it signed are refused from then on (admin keys only)
import { apiRoute } from "@/lib/api/route";
import { organizationSpecs } from "@/lib/api/specs/organization";
import { deleteSigningKey } from "@/lib/embedding/signing-keys";

export const DELETE = apiRoute(organizationSpecs.deleteSigningKey, async ({ db, principal, params }) => {
  await deleteSigningKey(db, principal.organizationId, params.id);
  return { deleted: true };
});
