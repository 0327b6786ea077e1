// DELETE /api/v1/instances/{id}/connections/{key}/authorization - DISCONNECT: forget tokens, stop refreshing, revoke
import { apiRoute } from "@/lib/api/route";
import { instanceSpecs } from "@/lib/api/specs/instances";
import { disconnect } from "@/lib/oauth/disconnect";

export const DELETE = apiRoute(instanceSpecs.disconnect, ({ db, principal, params }) =>
  disconnect(db, { organizationId: principal.organizationId }, { instanceId: params.id, configVarKey: params.key }),
);
