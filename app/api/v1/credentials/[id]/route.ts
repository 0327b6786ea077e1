// GET /api/v1/credentials/{id} - one credential, never its values
// PATCH /api/v1/credentials/{id} - change its label, values (blank keeps the stored one) or headers
// DELETE /api/v1/credentials/{id} - delete it
import { apiRoute } from "@/lib/api/route";
import { credentialSpecs } from "@/lib/api/specs/credentials";
import { deleteCredential, getCredentialDto } from "@/lib/credentials/service";
import { updateCredentialWithToken } from "@/lib/oauth/token-on-save";

export const GET = apiRoute(credentialSpecs.get, ({ db, principal, params }) =>
  getCredentialDto(db, { organizationId: principal.organizationId }, params.id),
);

export const PATCH = apiRoute(
  credentialSpecs.update,
  async ({ db, principal, params, body }) =>
    (await updateCredentialWithToken(db, { organizationId: principal.organizationId }, params.id, body)).credential,
);

export const DELETE = apiRoute(credentialSpecs.delete, async ({ db, principal, params }) => {
  await deleteCredential(db, { organizationId: principal.organizationId }, params.id);
  return { deleted: true };
});
