// GET /api/v1/instances/{id}/connections/{key}/values - runtime: the values and the access token
import { apiRoute } from "@/lib/api/route";
import { runtimeSpecs } from "@/lib/api/specs/runtime";
import { NotFoundError } from "@/lib/errors";
import { connectionRuntimeValues } from "@/lib/runtime/values";

export const GET = apiRoute(runtimeSpecs.values, async ({ db, principal, params }) => {
  // A runtime key sees its own instance only; any other is as unknown to it as another tenant's.
  if (principal.instanceId && principal.instanceId !== params.id) throw new NotFoundError("No such instance");
  return connectionRuntimeValues(db, { organizationId: principal.organizationId }, params.id, params.key);
});
