// PUT /api/v1/instances/{id}/connections/{key} - set a connection's values or bind an existing credential
import { apiRoute } from "@/lib/api/route";
import { connectionParams } from "@/lib/api/schemas-v1";
import { connectionInput, setInstanceConnection } from "@/lib/instances/connections";
import { getInstance } from "@/lib/instances/service";

// An organization key sets any field, embedded and hidden ones included: that is how partners set them.
export const PUT = apiRoute({ auth: "apiKey", permission: "instances:write", params: connectionParams, body: connectionInput }, async ({ db, principal, params, body }) => {
  const scope = { organizationId: principal.organizationId };
  await setInstanceConnection(db, scope, params.id, params.key, body, "organization", null);
  const instance = await getInstance(db, scope, params.id);
  return instance.connections.find((c) => c.key === params.key);
});
