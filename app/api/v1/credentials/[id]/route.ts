// GET /api/v1/credentials/{id} - one credential, never its values
// PATCH /api/v1/credentials/{id} - change its label, values (blank keeps the stored one) or headers
// DELETE /api/v1/credentials/{id} - delete it
import { apiRoute } from "@/lib/api/route";
import { credentialSpecs } from "@/lib/api/specs/credentials";
import { deleteCredential, getCredentialDto, updateCredential } from "@/lib/credentials/service";

export const GET = apiRoute(credentialSpecs.get, ({ db, principal, params }) =>
  getCredentialDto(db, { organizationId: principal.organizationId }, params.id),
);

export const PATCH = apiRoute(credentialSpecs.update, ({ db, principal, params, body }) =>
  updateCredential(db, { organizationId: principal.organizationId }, params.id, body),
);

export const DELETE = apiRoute(credentialSpecs.delete, async ({ db, principal, params }) => {
  await deleteCredential(db, { organizationId: principal.organizationId }, params.id);
  return { deleted: true };
});
