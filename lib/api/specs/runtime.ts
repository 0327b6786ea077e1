import { z } from "zod";
import { createRuntimeKeySchema } from "@/lib/api-keys/service";
import { listOf } from "@/lib/credentials/api-schemas";
import { runtimeKeySchema } from "@/lib/runtime/keys";
import { runtimeValuesSchema } from "@/lib/runtime/values";
import { routeSpec } from "../spec";
import { connectionParams, instanceParams, runtimeKeyParams } from "../schemas-v1";

// What integration code reads at run time, and the keys limited to one instance that it reads with.
export const runtimeSpecs = {
  values: routeSpec({
    method: "GET",
    path: "/api/v1/instances/{id}/connections/{key}/values",
    tag: "Runtime",
    summary: "Runtime: the connection's values and its access token (logged as a use)",
    auth: "apiKey",
    permission: "runtime:read",
    params: connectionParams,
    response: runtimeValuesSchema,
  }),
  listKeys: routeSpec({
    method: "GET",
    path: "/api/v1/instances/{id}/runtime-keys",
    tag: "Runtime",
    summary: "The instance's runtime keys: API keys limited to this instance's runtime values",
    auth: "apiKey",
    permission: "runtime-keys:manage",
    params: instanceParams,
    response: listOf(runtimeKeySchema),
  }),
  addKey: routeSpec({
    method: "POST",
    path: "/api/v1/instances/{id}/runtime-keys",
    tag: "Runtime",
    summary: "A new runtime key for the integration code of this instance; the key is in the answer this once",
    auth: "apiKey",
    permission: "runtime-keys:manage",
    params: instanceParams,
    body: createRuntimeKeySchema,
    status: 201,
    response: runtimeKeySchema.extend({ key: z.string() }),
  }),
  revokeKey: routeSpec({
    method: "DELETE",
    path: "/api/v1/instances/{id}/runtime-keys/{keyId}",
    tag: "Runtime",
    summary: "Revoke a runtime key",
    auth: "apiKey",
    permission: "runtime-keys:manage",
    params: runtimeKeyParams,
    response: z.object({ revoked: z.boolean() }),
  }),
};
