// ANY /api/v1/instances/{id}/connections/{key}/proxy/{path} - the proxy: the call sent on with the connection's credentials
import { apiRoute } from "@/lib/api/route";
import { proxySpecs } from "@/lib/api/specs/proxy";
import { rawProxyPath } from "@/lib/proxy/route-path";
import { proxyCall } from "@/lib/proxy/call";
import { runtimeScope } from "@/lib/runtime/access";

type Params = { params: Promise<Record<string, string | string[]>> };

const handler = (spec: (typeof proxySpecs)[keyof typeof proxySpecs]) => {
  const route = apiRoute(spec, async ({ db, principal, params, request, runtimeRead }) => {
    const url = new URL(request.url);
    return proxyCall(
      db,
      runtimeScope(principal, params.id),
      params.id,
      params.key,
      {
        method: request.method,
        rawPath: rawProxyPath(url.pathname),
        search: url.search,
        headers: request.headers,
        body: request.body,
        signal: request.signal,
      },
      runtimeRead,
    );
  });
  // `/proxy` with no path at all (an MCP server's endpoint is its base URL): the path is empty.
  return Object.assign(
    (request: Request, context?: Params) =>
      route(request, context && { params: context.params.then((p) => ({ path: [], ...p })) }),
    { spec: route.spec },
  );
};

export const GET = handler(proxySpecs.get);
export const HEAD = GET;
export const POST = handler(proxySpecs.post);
export const PUT = handler(proxySpecs.put);
export const PATCH = handler(proxySpecs.patch);
export const DELETE = handler(proxySpecs.delete);
// Streamed both ways: never cached, never prerendered.
export const dynamic = "force-dynamic";
