// DELETE /api/v1/organization/signing-keys/{id} - remove a key; tokens it signed are refused from then on (admin keys only)
import { apiRoute } from "@/lib/api/route";
import { idParams } from "@/lib/credentials/api-schemas";
import { deleteSigningKey } from "@/lib/embedding/signing-keys";

export const DELETE = apiRoute(
  { auth: "apiKey", permission: "organization:manage", params: idParams },
  async ({ db, principal, params }) => {
    await deleteSigningKey(db, principal.organizationId, params.id);
    return { deleted: true };
  },
);
