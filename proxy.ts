import { NextResponse, type NextRequest } from "next/server";

// The cheap check only: no session cookie means sign-in. Pages still verify the session themselves.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = "";
  const back = request.nextUrl.pathname + request.nextUrl.search;
  if (back !== "/") url.searchParams.set("callbackUrl", back);
  return NextResponse.redirect(url);
}

export const config = {
  // Everything but the API, Next's assets, the sign-in page, embedded screens and e-mailed links.
  matcher: ["/((?!api/|_next/|sign-in|favicon.ico|embedded|authorize/).*)"],
};
