// GET /api/v1/instances/{id}/runtime-keys - the instance's runtime keys (never the keys themselves)
// POST /api/v1/instances/{id}/runtime-keys - a new runtime key, shown this once
import { apiRoute, withStatus } from "@/lib/api/route";
import { instanceParams } from "@/lib/api/schemas-v1";
import { createRuntimeKeySchema } from "@/lib/api-keys/service";
import { addRuntimeKey, listRuntimeKeys } from "@/lib/runtime/keys";

export const GET = apiRoute(
  { auth: "apiKey", permission: "runtime-keys:manage", params: instanceParams },
  async ({ db, principal, params }) => ({
    data: await listRuntimeKeys(db, { organizationId: principal.organizationId }, params.id),
    nextCursor: null,
  }),
);

export const POST = apiRoute(
  { auth: "apiKey", permission: "runtime-keys:manage", params: instanceParams, body: createRuntimeKeySchema },
  async ({ db, principal, params, body }) =>
    withStatus(201, await addRuntimeKey(db, { organizationId: principal.organizationId }, params.id, null, body)),
);
