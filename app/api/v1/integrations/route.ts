// GET /api/v1/integrations - integrations of the organization, searchable by name
// POST /api/v1/integrations - create an integration with its config variables and steps
import { apiRoute } from "@/lib/api/route";
import { integrationSpecs } from "@/lib/api/specs/integrations";
import { createIntegration, listIntegrations } from "@/lib/integrations/service";

export const GET = apiRoute(integrationSpecs.list, ({ db, principal, query }) =>
  listIntegrations(db, principal.organizationId, query),
);

export const POST = apiRoute(integrationSpecs.create, ({ db, principal, body }) =>
  createIntegration(db, principal.organizationId, body),
);
