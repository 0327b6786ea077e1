import { env } from "@/lib/env";

// Requests per API key on the runtime API, as a token bucket in this process: it sheds a runaway
// integration loop without a database write per request (the values endpoint is the hot path, see
// bench/runtime.ts). With several app servers the effective limit is this times their number,
// which is fine for a limit that protects capacity rather than a secret.

type Bucket = { tokens: number; at: number };
const buckets = new Map<string, Bucket>();
const MAX_BUCKETS = 100_000;

export type RuntimeVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Takes one request from the key's bucket (capacity and refill: `perMinute` a minute). */
export function takeRuntimeRequest(
  keyId: string,
  now = Date.now(),
  perMinute = env.LATCHKEY_RUNTIME_RATE_LIMIT_PER_MINUTE,
): RuntimeVerdict {
  const ratePerMs = perMinute / 60_000;
  const bucket = buckets.get(keyId) ?? { tokens: perMinute, at: now };
  bucket.tokens = Math.min(perMinute, bucket.tokens + Math.max(0, now - bucket.at) * ratePerMs);
  bucket.at = now;
  if (!buckets.has(keyId)) {
    // Bounded memory: keys are few, but a full map is cleared rather than grown.
    if (buckets.size >= MAX_BUCKETS) buckets.clear();
    buckets.set(keyId, bucket);
  }
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return { allowed: true };
  }
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000)) };
}
