// GET /api/v1/connection-types - the built-in catalogue and the organization's custom types
// POST /api/v1/connection-types - declare a custom connection type
import { apiRoute, withStatus } from "@/lib/api/route";
import { connectionTypeInputSchema } from "@/lib/connection-types/definition";
import { createConnectionType, listConnectionTypes } from "@/lib/connection-types/service";

export const GET = apiRoute({ auth: "apiKey" }, async ({ db, principal }) => ({
  data: await listConnectionTypes(db, principal.organizationId),
  nextCursor: null,
}));

export const POST = apiRoute(
  { auth: "apiKey", permission: "catalog:write", body: connectionTypeInputSchema },
  async ({ db, principal, body }) => withStatus(201, await createConnectionType(db, principal.organizationId, body)),
);
