// GET /api/v1/openapi.json - the OpenAPI document of API v1, generated from the route specs
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { apiRoute } from "@/lib/api/route";
import { apiV1Specs } from "@/lib/api/specs";
import { metaSpecs } from "@/lib/api/specs/meta";
import { env } from "@/lib/env";

export const GET = apiRoute(metaSpecs.openapi, () => buildOpenApiDocument(apiV1Specs, env.baseUrl));
