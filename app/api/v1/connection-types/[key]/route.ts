// GET /api/v1/connection-types/{key} - one connection type, built-in or custom
import { apiRoute } from "@/lib/api/route";
import { typeKeyParams } from "@/lib/api/schemas-v1";
import { getConnectionType } from "@/lib/connection-types/service";

export const GET = apiRoute({ auth: "apiKey", params: typeKeyParams }, ({ db, principal, params }) => getConnectionType(db, principal.organizationId, params.key));
