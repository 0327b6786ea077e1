import { NextResponse, type NextRequest } from "next/server";
import { authSecret } from "@/lib/auth/secret";
import { EMBEDDED_COOKIE, openEmbeddedSession } from "@/lib/embedding/session-cookie";
import { frameAncestorsPolicy, isEmbeddedPath, SURFACE_HEADER } from "@/lib/embedding/surface";
import { pageSecurity } from "@/lib/http/page-security";
import { badActionBodyResponse } from "@/lib/http/action-body";
import { unreadablePathResponse } from "@/lib/http/path";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/request-context";

// The cheap check only: no session cookie means sign-in. Pages still verify the session themselves.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

// Pages that need no session: signing in, an e-mailed authorization link, the first admin's setup link.
// The MCP client ID metadata document is public: authorization servers fetch it, signed in as no one.
const PUBLIC_PAGE = /^\/(sign-in(\/|$)|authorize\/|setup\/|oauth\/client-metadata\.json$)/;
// Of those, the ones whose path is a capability: their URL must not leak through the Referer.
const CAPABILITY_PAGE = /^\/(authorize|setup)\//;

/**
 * Every request gets an id (the caller's X-Request-Id when it is a plain one): forwarded to the
 * handlers, which log and record it (lib/request-context), and answered as X-Request-Id.
 */
export async function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers);
  requestIds.set(request, requestId);
  const response = await route(request);
  response.headers.set("X-Request-Id", requestId);
  return response;
}

// The id chosen for each request, forwarded by withoutSurface (every forwarding goes through it).
const requestIds = new WeakMap<NextRequest, string>();

async function route(request: NextRequest): Promise<Response> {
  // Paths Next cannot decode and malformed or oversized server action bodies: a 4xx here, since Next
  // would answer them with a 500 before any handler runs.
  const unreadable = unreadablePathResponse(request.nextUrl.pathname);
  if (unreadable) return unreadable;
  const badAction = await badActionBodyResponse(request);
  if (badAction) return badAction;
  // The API answers with its own keys and gets its headers from next.config.js; it passes through
  // here only so that a surface header a client sent is dropped: only /embedded ever reads the
  // embedded session (lib/auth/surface).
  if (request.nextUrl.pathname.startsWith("/api/"))
    return NextResponse.next({ request: { headers: withoutSurface(request) } });
  // Every page gets its security headers and script nonce (lib/http/page-security.ts).
  const security = pageSecurity();
  if (isEmbeddedPath(request.nextUrl.pathname)) return embedded(request, security);
  const next = () => NextResponse.next({ request: { headers: security.requestHeaders(withoutSurface(request)) } });
  if (PUBLIC_PAGE.test(request.nextUrl.pathname))
    return security.finish(next(), { sameOriginReferrer: CAPABILITY_PAGE.test(request.nextUrl.pathname) });
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return security.finish(next());
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = "";
  const back = request.nextUrl.pathname + request.nextUrl.search;
  if (back !== "/") url.searchParams.set("callbackUrl", back);
  return security.finish(NextResponse.redirect(url));
}

function withoutSurface(request: NextRequest): Headers {
  const headers = new Headers(request.headers);
  headers.delete(SURFACE_HEADER);
  headers.set(REQUEST_ID_HEADER, requestIds.get(request) ?? requestIdFrom(request.headers));
  return headers;
}

/**
 * Embedded screens: marks the request as the embedded surface (getCurrentUser reads the embedded
 * session there) and sends frame-ancestors with the origins the session was opened for. Pages cannot
 * set response headers, so this is where the policy is set; the sign-in route sets its own.
 */
async function embedded(request: NextRequest, security: ReturnType<typeof pageSecurity>) {
  const headers = security.requestHeaders(withoutSurface(request));
  headers.set(SURFACE_HEADER, "embedded");
  const response = NextResponse.next({ request: { headers } });
  if (request.nextUrl.pathname === "/embedded/sign-in") {
    response.headers.set("X-Content-Type-Options", "nosniff");
    return response;
  }
  const session = await openEmbeddedSession(request.cookies.get(EMBEDDED_COOKIE)?.value, authSecret());
  return security.finish(response, { frameAncestors: frameAncestorsPolicy(session?.fa ?? []) });
}

export const config = {
  // Everything but Next's assets: every request passes the surface header's reset, and every page
  // gets its headers and nonce (public pages are matched for those, not for the sign-in redirect).
  // The favicon (app/icon.svg) is an asset too: the sign-in page shows it before any session.
  // The API proxy is left out: Next buffers (and past 10 MB cuts) the body of every request this
  // function sees, and proxied bodies stream, in any size; it reads no surface header. Only a proxy
  // path that is not valid percent-encoding comes here (the second entry: "not entirely plain
  // characters and well-formed UTF-8 escapes"), because Next would fail to decode its params and
  // answer 500 before the route runs; it gets its 400 here and its body is never read. Next also
  // tests the decoded path, so a valid path whose decoded form looks badly encoded (`%25ff`) passes
  // through here too, buffered: rare enough to accept. Checked against decodeURIComponent in
  // lib/http/path.test.ts.
  matcher: [
    "/((?!_next/|favicon.ico|icon.svg|api/v1/instances/[^/]+/connections/[^/]+/proxy/|api/v1/instances/[^/]+/connections/[^/]+/proxy$).*)",
    "/api/v1/instances/((?!(?:[^%]|%[0-7][0-9A-Fa-f]|%[Cc][2-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Dd][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ee]0%[ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ee][1-9A-Ca-cEeFf]%[89ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ee][Dd]%[89][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ff]0%[9ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ff][1-3]%[89ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ff]4%8[0-9A-Fa-f]%[89ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f])*$)[^/]+/connections/[^/]+/proxy(?:/.*)?)",
  ],
};
