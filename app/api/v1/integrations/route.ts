// GET /api/v1/integrations - integrations of the organization, searchable by name
// POST /api/v1/integrations - create an integration with its config variables and steps
import { apiRoute, withStatus } from "@/lib/api/route";
import { integrationListQuery } from "@/lib/api/schemas-v1";
import { integrationInput } from "@/lib/integrations/schemas";
import { createIntegration, listIntegrations } from "@/lib/integrations/service";

export const GET = apiRoute({ auth: "apiKey", query: integrationListQuery }, ({ db, principal, query }) =>
  listIntegrations(db, principal.organizationId, query),
);

export const POST = apiRoute(
  { auth: "apiKey", permission: "catalog:write", body: integrationInput },
  async ({ db, principal, body }) => withStatus(201, await createIntegration(db, principal.organizationId, body)),
);
