// When a token set is next due for refresh (issue 6 does the refreshing): a little before the
// access token expires, so a runtime fetch rarely waits for one; and for refresh tokens without an
// expiring access token, every few days, so that providers do not expire an idle grant.

export const IDLE_REFRESH_MS = 3 * 24 * 60 * 60 * 1000;
const MIN_MARGIN_MS = 10 * 1000;
const MAX_MARGIN_MS = 5 * 60 * 1000;

/** The next refresh time, or null when nothing can renew the token (no refresh token, no client credentials). */
export function nextRefreshAt(o: { now: Date; expiresAt: Date | null; hasRefreshToken: boolean; grantType: "authorization_code" | "client_credentials" }): Date | null {
  const renewable = o.hasRefreshToken || o.grantType === "client_credentials";
  if (!renewable) return null;
  const idle = o.hasRefreshToken ? o.now.getTime() + IDLE_REFRESH_MS : Infinity;
  if (!o.expiresAt) return Number.isFinite(idle) ? new Date(idle) : null;
  const lifetime = o.expiresAt.getTime() - o.now.getTime();
  const margin = Math.min(MAX_MARGIN_MS, Math.max(MIN_MARGIN_MS, lifetime * 0.2));
  return new Date(Math.min(idle, Math.max(o.now.getTime(), o.expiresAt.getTime() - margin)));
}
