// GET /api/v1/organization - the caller's organization and its settings
// PATCH /api/v1/organization - change them (admin keys only)
import { apiRoute } from "@/lib/api/route";
import { organizationSpecs } from "@/lib/api/specs/organization";
import { getOrganization, updateOrganization } from "@/lib/organizations/queries";

export const GET = apiRoute(organizationSpecs.get, ({ db, principal }) =>
  getOrganization(db, principal.organizationId),
);

export const PATCH = apiRoute(organizationSpecs.update, ({ db, principal, body }) =>
  updateOrganization(db, principal.organizationId, body),
);
