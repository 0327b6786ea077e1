import { NextResponse, type NextRequest } from "next/server";
import { authSecret } from "@/lib/auth/secret";
import { EMBEDDED_COOKIE, openEmbeddedSession } from "@/lib/embedding/session-cookie";
import { frameAncestorsPolicy, isEmbeddedPath, SURFACE_HEADER } from "@/lib/embedding/surface";
import { badActionBodyResponse } from "@/lib/http/action-body";
import { unreadablePathResponse } from "@/lib/http/path";

// The cheap check only: no session cookie means sign-in. Pages still verify the session themselves.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export async function proxy(request: NextRequest) {
  const unreadable = unreadablePathResponse(request.nextUrl.pathname);
  if (unreadable) return unreadable;
  const badAction = await badActionBodyResponse(request);
  if (badAction) return badAction;
  // API routes are matched only for those checks; they authenticate themselves.
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  if (isEmbeddedPath(request.nextUrl.pathname)) return embedded(request);
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next({ request: { headers: withoutSurface(request) } });
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = "";
  const back = request.nextUrl.pathname + request.nextUrl.search;
  if (back !== "/") url.searchParams.set("callbackUrl", back);
  return NextResponse.redirect(url);
}

function withoutSurface(request: NextRequest): Headers {
  const headers = new Headers(request.headers);
  headers.delete(SURFACE_HEADER);
  return headers;
}

/**
 * Embedded screens: marks the request as the embedded surface (getCurrentUser reads the embedded
 * session there) and sends frame-ancestors with the origins the session was opened for. Pages cannot
 * set response headers, so this is where the policy is set; the sign-in route sets its own.
 */
async function embedded(request: NextRequest) {
  const headers = withoutSurface(request);
  headers.set(SURFACE_HEADER, "embedded");
  const response = NextResponse.next({ request: { headers } });
  if (request.nextUrl.pathname !== "/embedded/sign-in") {
    const session = await openEmbeddedSession(request.cookies.get(EMBEDDED_COOKIE)?.value, authSecret());
    response.headers.set("Content-Security-Policy", frameAncestorsPolicy(session?.fa ?? []));
  }
  response.headers.set("X-Content-Type-Options", "nosniff");
  return response;
}

export const config = {
  // Everything but the API, Next's assets, the sign-in page and e-mailed links; embedded screens
  // are matched for their frame-ancestors, not for the sign-in redirect. The API is matched only
  // to refuse unreadable paths (lib/http/path.ts).
  matcher: ["/((?!api/|_next/|sign-in|favicon.ico|authorize/).*)", "/api/:path*"],
};
