import { z } from "zod";
import type { HttpMethod } from "../spec";
import { routeSpec } from "../spec";
import { connectionParams } from "../schemas-v1";

// The proxy (API.md, Proxy): any method, sent on to the connection's API with its credentials
// applied; the answer is the upstream's, streamed back as it comes.

const proxyParams = connectionParams.extend({
  // Loose on purpose: a path past the proxy's URL limit is its 414 that says so (lib/proxy/request-size.ts).
  path: z
    .array(z.string().max(64 * 1024))
    .max(32 * 1024)
    .meta({ description: "The path below the type's proxy base URL" }),
});

const proxySpec = <M extends HttpMethod>(method: M) =>
  routeSpec({
    method,
    path: "/api/v1/instances/{id}/connections/{key}/proxy/{path}",
    tag: "Runtime",
    summary: `Proxy: ${method} sent on to the connection's API with its credentials applied; the upstream's answer`,
    auth: "apiKey",
    permission: "runtime:read",
    params: proxyParams,
    response: z.unknown().meta({ description: "The upstream's answer, its status and headers" }),
    conflict: "The connection is not configured, or not authorized yet: press CONNECT",
  });

export const proxySpecs = {
  get: proxySpec("GET"),
  post: proxySpec("POST"),
  put: proxySpec("PUT"),
  patch: proxySpec("PATCH"),
  delete: proxySpec("DELETE"),
};
