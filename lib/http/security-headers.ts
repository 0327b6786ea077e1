// The security headers of every page, set by the proxy (proxy.ts), which is the only place that can
// both give a page's scripts a per-request nonce and set response headers. Pure functions of their
// inputs, so that the policy is tested without a server. API routes and assets get theirs from
// next.config.js; the OAuth result pages and the embedded sign-in route set their own.

export const NONCE_HEADER = "x-nonce";
const HSTS = "max-age=63072000; includeSubDomains";

export type PagePolicyOptions = {
  nonce: string;
  /** A complete `frame-ancestors ...` directive: 'none' off the embedded surface. */
  frameAncestors: string;
  /** The public URL is https: ask the browser to upgrade any stray http subresource. */
  https: boolean;
  /** `next dev` evaluates code for its overlay and fast refresh: never under `next start`. */
  development: boolean;
};

/** A fresh, unguessable nonce for one response (128 bits, base64). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy of a page. Scripts run only with this response's nonce (Next puts it
 * on its own scripts when it finds it in the request's policy), and 'strict-dynamic' lets those
 * load the app's chunks. Styles allow 'unsafe-inline': React's style attributes and the toaster's
 * injected stylesheet need it, and a nonce beside it would switch it off; styles cannot run code.
 * No form-action: CONNECT posts to Latchkey, which redirects to the provider, and browsers apply
 * form-action to that redirect too.
 */
export function pageContentSecurityPolicy(o: PagePolicyOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${o.nonce}' 'strict-dynamic'${o.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    o.frameAncestors,
    ...(o.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The request headers a page renders with: the policy, from which Next reads the nonce, and the nonce itself. */
export function withNonceRequestHeaders(headers: Headers, nonce: string, policy: string): Headers {
  headers.set(NONCE_HEADER, nonce);
  headers.set("Content-Security-Policy", policy);
  return headers;
}

export type ResponseHeaderOptions = {
  policy: string;
  /** Embedded screens may be framed by the session's origins (frame-ancestors in the policy); nothing else may be framed at all. */
  embedded: boolean;
  /** Production: browsers remember to use https only (ignored by browsers over plain http). */
  hsts: boolean;
  /** The path carries a capability (an e-mailed or logged link's token): never send it to another site. "same-origin" rather than
   * "no-referrer", which makes a browser send "Origin: null" to Latchkey itself and so refuses the link page's CONNECT. */
  sameOriginReferrer?: boolean;
};

/** Sets the security headers of a page response (the proxy's `next()` or redirect). */
export function applySecurityHeaders(headers: Headers, o: ResponseHeaderOptions): void {
  headers.set("Content-Security-Policy", o.policy);
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", o.sameOriginReferrer ? "same-origin" : "strict-origin-when-cross-origin");
  // X-Frame-Options has no allow-list: on embedded screens frame-ancestors alone decides.
  if (o.embedded) headers.delete("X-Frame-Options");
  else headers.set("X-Frame-Options", "DENY");
  if (o.hsts) headers.set("Strict-Transport-Security", HSTS);
}
