// GET /api/v1/instances/{id}/runtime-keys - the instance's runtime keys (never the keys themselves)
// POST /api/v1/instances/{id}/runtime-keys - a new runtime key, shown this once
import { apiRoute } from "@/lib/api/route";
import { runtimeSpecs } from "@/lib/api/specs/runtime";
import { addRuntimeKey, listRuntimeKeys } from "@/lib/runtime/keys";

export const GET = apiRoute(runtimeSpecs.listKeys, async ({ db, principal, params }) => ({
  data: await listRuntimeKeys(db, { organizationId: principal.organizationId }, params.id),
  nextCursor: null,
}));

export const POST = apiRoute(runtimeSpecs.addKey, ({ db, principal, params, body }) =>
  addRuntimeKey(db, { organizationId: principal.organizationId }, params.id, null, body),
);
