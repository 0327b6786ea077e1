// A path with percent-encoding that is not UTF-8 (`/components/%ff`) makes Next fail to decode the
// route's params and answer 500 before any handler runs. The proxy refuses it first: 400, in the
// API's JSON shape under /api, as a short page elsewhere.

/** Whether every segment of a path decodes as UTF-8 and holds no NUL. */
export function isReadablePath(pathname: string): boolean {
  for (const segment of pathname.split("/")) {
    try {
      if (decodeURIComponent(segment).includes("\u0000")) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** The 400 answer to an unreadable path, or null when the path is fine. */
export function unreadablePathResponse(pathname: string): Response | null {
  if (isReadablePath(pathname)) return null;
  const message = "The URL's path is not valid: a segment holds bad percent-encoding (such as %ff) or a NUL byte";
  if (pathname === "/api" || pathname.startsWith("/api/")) {
    return Response.json({ error: { code: "invalid_request", message, fields: { path: message } } }, { status: 400 });
  }
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad request · Latchkey</title></head><body><h1>Bad request</h1><p>${message}.</p><p><a href="/">Back to the overview</a></p></body></html>`,
    {
      status: 400,
      headers: { "content-type": "text/html; charset=utf-8", "X-Content-Type-Options": "nosniff" },
    },
  );
}
