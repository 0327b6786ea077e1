// POST /api/v1/connection-types/discover - a draft connection type from an issuer's OAuth metadata
import { apiRoute } from "@/lib/api/route";
import { connectionTypeSpecs } from "@/lib/api/specs/connection-types";
import { discoverConnectionType } from "@/lib/connection-types/discovery";

export const POST = apiRoute(connectionTypeSpecs.discover, ({ body }) => discoverConnectionType(body.issuer));
