// GET /api/v1/organization - the caller's organization and its settings
// PATCH /api/v1/organization - change them (admin keys only)
import { apiRoute } from "@/lib/api/route";
import { getOrganization, updateOrganization } from "@/lib/organizations/queries";
import { updateOrganizationSchema } from "@/lib/organizations/schemas";

export const GET = apiRoute({ auth: "apiKey" }, ({ db, principal }) => getOrganization(db, principal.organizationId));

export const PATCH = apiRoute(
  { auth: "apiKey", permission: "organization:manage", body: updateOrganizationSchema },
  ({ db, principal, body }) => updateOrganization(db, principal.organizationId, body),
);
