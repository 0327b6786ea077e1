// GET /api/v1/connection-types/{key}/export - a custom connection type's definition as JSON
import { apiRoute } from "@/lib/api/route";
import { connectionTypeSpecs } from "@/lib/api/specs/connection-types";
import { exportConnectionType } from "@/lib/connection-types/service";

export const GET = apiRoute(connectionTypeSpecs.export, ({ db, principal, params }) =>
  exportConnectionType(db, principal.organizationId, params.key),
);
