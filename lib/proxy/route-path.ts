import { ValidationError } from "@/lib/errors";
import { isReadablePath } from "@/lib/http/path";

// The path below /proxy/ as the caller sent it, still percent-encoded: the route's decoded params
// cannot tell `a%2Fb` from `a/b`, and the target keeps the caller's encoding.
const PROXY_PATH = /^\/api\/v1\/instances\/[^/]+\/connections\/[^/]+\/proxy(?:\/(.*))?$/;

/** The raw path after `/proxy/`; a ValidationError for a URL that is not a proxy call. */
export function rawProxyPath(pathname: string): string {
  const match = PROXY_PATH.exec(pathname);
  if (!match) throw new ValidationError("Not a proxy path: /api/v1/instances/{id}/connections/{key}/proxy/{path}");
  // Sent on as it is, but it must decode: the upstream would read `%ff` or a lone `%` its own way.
  if (!isReadablePath(pathname)) {
    const message = "The proxy path is not valid percent-encoding (such as %ff or a lone %) or holds a NUL byte";
    throw new ValidationError(message, { path: message });
  }
  // No path at all: the base URL itself (an MCP server's endpoint).
  return match[1] ?? "";
}
