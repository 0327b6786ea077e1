// When to try a transient refresh failure again: exponential backoff with full jitter, never
// sooner than the provider's Retry-After, never later than the cap.

export type BackoffPolicy = { baseMs: number; maxMs: number };
export const defaultBackoff: BackoffPolicy = { baseMs: 30_000, maxMs: 30 * 60_000 };

/** Delay before attempt number `failures + 1`, after `failures` consecutive transient failures. */
export function retryDelayMs(
  failures: number,
  retryAfterMs: number | null,
  policy: BackoffPolicy = defaultBackoff,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  // Full jitter spreads servers that failed together; half the ceiling keeps a floor of progress.
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  return Math.min(policy.maxMs, Math.max(jittered, retryAfterMs ?? 0));
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
