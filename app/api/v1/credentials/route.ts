// GET /api/v1/credentials - credentials of the caller's organization, filtered by owner and label
// POST /api/v1/credentials - store a new credential (values are write-only from here on)
import { apiRoute, withStatus } from "@/lib/api/route";
import { credentialListQuery } from "@/lib/credentials/api-schemas";
import { createCredential, listCredentialDtos, newCredentialSchema } from "@/lib/credentials/service";

export const GET = apiRoute({ auth: "apiKey", query: credentialListQuery }, ({ db, principal, query }) =>
  listCredentialDtos(db, { organizationId: principal.organizationId }, query),
);

export const POST = apiRoute(
  { auth: "apiKey", permission: "credentials:write", body: newCredentialSchema() },
  async ({ db, principal, body }) =>
    withStatus(201, await createCredential(db, { organizationId: principal.organizationId }, body, null)),
);
