// GET /api/v1/instances/{id}/connections/{key}/values - runtime: the values and the access token
import { apiRoute } from "@/lib/api/route";
import { runtimeSpecs } from "@/lib/api/specs/runtime";
import { runtimeScope } from "@/lib/runtime/access";
import { connectionRuntimeValues } from "@/lib/runtime/values";

export const GET = apiRoute(runtimeSpecs.values, async ({ db, principal, params, runtimeRead }) =>
  connectionRuntimeValues(db, runtimeScope(principal, params.id), params.id, params.key, runtimeRead),
);
