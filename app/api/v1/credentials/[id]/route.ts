// GET /api/v1/credentials/{id} - one credential, never its values
// PATCH /api/v1/credentials/{id} - change its label, values (blank keeps the stored one) or headers
// DELETE /api/v1/credentials/{id} - delete it
import { apiRoute } from "@/lib/api/route";
import { idParams } from "@/lib/credentials/api-schemas";
import { deleteCredential, getCredentialDto } from "@/lib/credentials/service";
import { updateCredentialWithToken } from "@/lib/oauth/token-on-save";
import { z } from "zod";

export const GET = apiRoute({ auth: "apiKey", params: idParams }, ({ db, principal, params }) =>
  getCredentialDto(db, { organizationId: principal.organizationId }, params.id),
);

// The body is checked against the credential's own auth method, which only the stored row knows.
export const PATCH = apiRoute(
  { auth: "apiKey", permission: "credentials:write", params: idParams, body: z.unknown() },
  async ({ db, principal, params, body }) =>
    (await updateCredentialWithToken(db, { organizationId: principal.organizationId }, params.id, body)).credential,
);

export const DELETE = apiRoute(
  { auth: "apiKey", permission: "credentials:write", params: idParams },
  async ({ db, principal, params }) => {
    await deleteCredential(db, { organizationId: principal.organizationId }, params.id);
    return { deleted: true };
  },
);
