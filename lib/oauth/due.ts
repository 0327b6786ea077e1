// When a token set is next due for refresh: within the refresh window before the access token
// expires (at most half its lifetime, so that short-lived tokens are not refreshed on every run);
// and for refresh tokens without an expiring access token, every few days, so that providers do
// not expire an idle grant. A failed refresh moves the due time by its backoff instead.

export const IDLE_REFRESH_MS = 3 * 24 * 60 * 60 * 1000;
export const DEFAULT_WINDOW_MS = 10 * 60 * 1000;

type Grant = "authorization_code" | "client_credentials";

/** Client credentials renew by asking again; an authorization code grant needs its refresh token. */
export function renewsWithoutRefreshToken(grantType: Grant): boolean {
  return grantType === "client_credentials";
}

/** The next refresh time, or null when nothing can renew the token (no refresh token, no client credentials). */
export function nextRefreshAt(o: {
  now: Date;
  expiresAt: Date | null;
  hasRefreshToken: boolean;
  grantType: Grant;
  windowMs?: number;
}): Date | null {
  const renewable = o.hasRefreshToken || renewsWithoutRefreshToken(o.grantType);
  if (!renewable) return null;
  const idle = o.hasRefreshToken ? o.now.getTime() + IDLE_REFRESH_MS : Infinity;
  if (!o.expiresAt) return Number.isFinite(idle) ? new Date(idle) : null;
  const lifetime = o.expiresAt.getTime() - o.now.getTime();
  const margin = Math.min(o.windowMs ?? DEFAULT_WINDOW_MS, Math.max(0, lifetime / 2));
  return new Date(Math.min(idle, Math.max(o.now.getTime(), o.expiresAt.getTime() - margin)));
}

/**
 * When an access token expires: `expires_in` counted from the clock read before the request (never
 * later, so a slow answer cannot make Latchkey believe a token lives longer than it does). A token
 * that can be renewed but states no lifetime gets the configured default, so that it is renewed
 * some day rather than trusted forever; one that cannot be renewed has no known expiry.
 */
export function tokenExpiry(o: {
  requestedAt: Date;
  expiresIn: number | undefined;
  renewable: boolean;
  defaultExpiresInSeconds: number;
}): Date | null {
  if (typeof o.expiresIn === "number" && Number.isFinite(o.expiresIn) && o.expiresIn > 0)
    return new Date(o.requestedAt.getTime() + o.expiresIn * 1000);
  return o.renewable ? new Date(o.requestedAt.getTime() + o.defaultExpiresInSeconds * 1000) : null;
}
