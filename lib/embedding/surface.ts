// Which requests are the embedded surface, and the Content-Security-Policy they carry. Shared by the
// proxy and the sign-in route; no server-only import, since the proxy bundle loads it.

/**
 * Set by the proxy on requests for /embedded pages and the server actions they post, so that
 * getCurrentUser() reads the embedded session there and only there (lib/auth/surface). The proxy
 * matches every path but Next's assets and overwrites whatever a client sent.
 */
export const SURFACE_HEADER = "x-latchkey-surface";

const ORIGIN = /^https?:\/\/[A-Za-z0-9.\-[\]:]+$/;

/** `frame-ancestors` listing exactly these origins, or 'none' when there are none. */
export function frameAncestorsPolicy(origins: readonly string[]): string {
  // Stored origins were validated when saved; this filter keeps a stray value from widening the policy.
  const safe = origins.filter((o) => ORIGIN.test(o));
  return `frame-ancestors ${safe.length > 0 ? safe.join(" ") : "'none'"}`;
}

/** Whether a path belongs to the embedded screens. */
export function isEmbeddedPath(pathname: string): boolean {
  return pathname === "/embedded" || pathname.startsWith("/embedded/");
}
