// DELETE /api/v1/instances/{id}/connections/{key}/authorization - DISCONNECT: forget tokens, stop refreshing, revoke
import { apiRoute } from "@/lib/api/route";
import { connectionParams } from "@/lib/api/schemas-v1";
import { disconnect } from "@/lib/oauth/disconnect";

export const DELETE = apiRoute(
  { auth: "apiKey", permission: "instances:write", params: connectionParams },
  ({ db, principal, params }) =>
    disconnect(db, { organizationId: principal.organizationId }, { instanceId: params.id, configVarKey: params.key }),
);
