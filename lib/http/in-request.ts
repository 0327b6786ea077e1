import "server-only";
import { requestAddress } from "@/lib/net/request-address";
import { requestIdFrom, runInRequest, type RequestContext } from "@/lib/request-context";

// Route wrappers open the request context here: the id the proxy forwarded, the caller's address
// (X-Forwarded-For only through trusted proxies) and user agent, for logs and the audit trail.

const USER_AGENT_MAX = 256;

/** The context of a request, read from its headers. */
export function requestContextOf(headers: Headers): RequestContext {
  return {
    requestId: requestIdFrom(headers),
    address: requestAddress(headers),
    userAgent: headers.get("user-agent")?.slice(0, USER_AGENT_MAX) || undefined,
  };
}

/** Runs `work` as part of `request`. */
export function runForRequest<T>(request: Request, work: () => T): T {
  return runInRequest(requestContextOf(request.headers), work);
}
