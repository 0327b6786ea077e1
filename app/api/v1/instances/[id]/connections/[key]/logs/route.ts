// GET /api/v1/instances/{id}/connections/{key}/logs - the connection's log, newest first
import { apiRoute } from "@/lib/api/route";
import { instanceSpecs } from "@/lib/api/specs/instances";
import { instanceConnectionLogs } from "@/lib/instances/logs";

export const GET = apiRoute(instanceSpecs.logs, async ({ db, principal, params, query }) => ({
  data: await instanceConnectionLogs(
    db,
    { organizationId: principal.organizationId },
    params.id,
    params.key,
    query.limit,
  ),
  nextCursor: null,
}));
