import "server-only";
import { env } from "@/lib/env";

// The refresh routine's knobs, from the environment (README, "Token refresh").
export type RefreshSettings = {
  /** Refresh an access token this long before it expires (at most half its lifetime). */
  windowMs: number;
  /** How many provider requests one run has in flight at once. */
  concurrency: number;
  /** Consecutive transient failures after which a connection turns red. */
  maxFailures: number;
  /** The timeout of one token request. */
  requestTimeoutMs: number;
  /** How long a claim is held: longer than a request can take, so no one else refreshes meanwhile. */
  leaseMs: number;
  /** The lifetime assumed for a renewable token whose answer has no expires_in. */
  defaultExpiresInSeconds: number;
};

export function refreshSettings(): RefreshSettings {
  return {
    windowMs: env.LATCHKEY_REFRESH_WINDOW_SECONDS * 1000,
    concurrency: env.LATCHKEY_REFRESH_CONCURRENCY,
    maxFailures: env.LATCHKEY_REFRESH_MAX_FAILURES,
    requestTimeoutMs: env.LATCHKEY_REFRESH_TIMEOUT_SECONDS * 1000,
    leaseMs: env.LATCHKEY_REFRESH_LEASE_SECONDS * 1000,
    defaultExpiresInSeconds: env.LATCHKEY_DEFAULT_EXPIRES_IN_SECONDS,
  };
}
