// GET /api/v1/integrations/{id} - one integration with its config variables and steps
// PUT /api/v1/integrations/{id} - replace its whole design (the same body as POST)
// PATCH /api/v1/integrations/{id} - rename or re-describe it
// DELETE /api/v1/integrations/{id} - delete it with its instances
import { apiRoute } from "@/lib/api/route";
import { integrationSpecs } from "@/lib/api/specs/integrations";
import { replaceIntegrationDesign } from "@/lib/integrations/replace-design";
import { deleteIntegration, getIntegration, updateIntegration } from "@/lib/integrations/service";

export const GET = apiRoute(integrationSpecs.get, ({ db, principal, params }) =>
  getIntegration(db, principal.organizationId, params.id),
);

export const PUT = apiRoute(integrationSpecs.replace, ({ db, principal, params, body }) =>
  replaceIntegrationDesign(db, principal.organizationId, params.id, body),
);

export const PATCH = apiRoute(integrationSpecs.update, ({ db, principal, params, body }) =>
  updateIntegration(db, principal.organizationId, params.id, body),
);

export const DELETE = apiRoute(integrationSpecs.delete, async ({ db, principal, params }) => {
  await deleteIntegration(db, principal.organizationId, params.id);
  return { deleted: true };
});
