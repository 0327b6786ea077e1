// GET /api/v1/credentials - credentials of the caller's organization, filtered by owner and label
// POST /api/v1/credentials - store a new credential (values are write-only from here on)
import { apiRoute } from "@/lib/api/route";
import { credentialSpecs } from "@/lib/api/specs/credentials";
import { createCredential, listCredentialDtos } from "@/lib/credentials/service";

export const GET = apiRoute(credentialSpecs.list, ({ db, principal, query }) =>
  listCredentialDtos(db, { organizationId: principal.organizationId }, query),
);

export const POST = apiRoute(credentialSpecs.create, ({ db, principal, body }) =>
  createCredential(db, { organizationId: principal.organizationId }, body, null),
);
