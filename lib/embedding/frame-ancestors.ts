// The Content-Security-Policy of embedded screens. Shared by the proxy and the sign-in route; no
// server-only import, since the proxy bundle loads it.

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
