// DELETE /api/v1/instances/{id}/runtime-keys/{keyId} - revoke a runtime key
import { apiRoute } from "@/lib/api/route";
import { runtimeSpecs } from "@/lib/api/specs/runtime";
import { revokeRuntimeKey } from "@/lib/runtime/keys";

export const DELETE = apiRoute(runtimeSpecs.revokeKey, async ({ db, principal, params }) => {
  await revokeRuntimeKey(db, { organizationId: principal.organizationId }, params.id, params.keyId);
  return { revoked: true };
});
