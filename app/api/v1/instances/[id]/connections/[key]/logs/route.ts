// GET /api/v1/instances/{id}/connections/{key}/logs - the connection's log, newest first
import { apiRoute } from "@/lib/api/route";
import { connectionParams, logListQuery } from "@/lib/api/schemas-v1";
import { instanceConnectionLogs } from "@/lib/instances/logs";

export const GET = apiRoute(
  { auth: "apiKey", params: connectionParams, query: logListQuery },
  async ({ db, principal, params, query }) => ({
    data: await instanceConnectionLogs(
      db,
      { organizationId: principal.organizationId },
      params.id,
      params.key,
      query.limit,
    ),
    nextCursor: null,
  }),
);
