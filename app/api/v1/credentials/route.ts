// GET /api/v1/credentials - credentials of the caller's organization, filtered by owner and label
// POST /api/v1/credentials - store a new credential (values are write-only from here on)
import { apiRoute } from "@/lib/api/route";
import { credentialSpecs } from "@/lib/api/specs/credentials";
import { listCredentialDtos } from "@/lib/credentials/service";
import { createCredentialWithToken } from "@/lib/oauth/token-on-save";

export const GET = apiRoute(credentialSpecs.list, ({ db, principal, query }) =>
  listCredentialDtos(db, { organizationId: principal.organizationId }, query),
);

// Like the screen: a client credentials credential fetches its token before the answer.
export const POST = apiRoute(
  credentialSpecs.create,
  async ({ db, principal, body }) =>
    (await createCredentialWithToken(db, { organizationId: principal.organizationId }, body, null)).credential,
);
