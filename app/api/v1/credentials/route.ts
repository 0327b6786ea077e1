// GET /api/v1/credentials - credentials of the caller's organization, filtered by owner and label
// POST /api/v1/credentials - store a new credential (values are write-only from here on)
import { apiRoute, withStatus } from "@/lib/api/route";
import { credentialListQuery } from "@/lib/credentials/api-schemas";
import { listCredentialDtos, newCredentialSchema } from "@/lib/credentials/service";
import { createCredentialWithToken } from "@/lib/oauth/token-on-save";

export const GET = apiRoute({ auth: "apiKey", query: credentialListQuery }, ({ db, principal, query }) =>
  listCredentialDtos(db, { organizationId: principal.organizationId }, query),
);

export const POST = apiRoute(
  { auth: "apiKey", permission: "credentials:write", body: newCredentialSchema() },
  async ({ db, principal, body }) =>
    // Like the screen: a client credentials credential fetches its token before the answer.
    withStatus(
      201,
      (await createCredentialWithToken(db, { organizationId: principal.organizationId }, body, null)).credential,
    ),
);
