// DELETE /api/v1/instances/{id}/runtime-keys/{keyId} - revoke a runtime key
import { apiRoute } from "@/lib/api/route";
import { runtimeKeyParams } from "@/lib/api/schemas-v1";
import { revokeRuntimeKey } from "@/lib/runtime/keys";

export const DELETE = apiRoute(
  { auth: "apiKey", permission: "runtime-keys:manage", params: runtimeKeyParams },
  async ({ db, principal, params }) => {
    await revokeRuntimeKey(db, { organizationId: principal.organizationId }, params.id, params.keyId);
    return { revoked: true };
  },
);
