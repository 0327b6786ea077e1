// GET /api/v1/connection-types - the built-in catalogue and the organization's custom types
// POST /api/v1/connection-types - declare a custom connection type
import { apiRoute } from "@/lib/api/route";
import { connectionTypeSpecs } from "@/lib/api/specs/connection-types";
import { createConnectionType, listConnectionTypes } from "@/lib/connection-types/service";

export const GET = apiRoute(connectionTypeSpecs.list, async ({ db, principal }) => ({
  data: await listConnectionTypes(db, principal.organizationId),
  nextCursor: null,
}));

export const POST = apiRoute(connectionTypeSpecs.create, ({ db, principal, body }) =>
  createConnectionType(db, principal.organizationId, body),
);
