import "server-only";
import type { Db } from "@/db/client";
import { env } from "@/lib/env";
import { addressBucket } from "@/lib/net/client-address";
import { isExhausted, takeTries, type Verdict } from "@/lib/rate-limit/counters";
import { displayPrefix } from "./token";

// Failed API key attempts, counted per address and per key prefix (the part shown in lists) over
// a window. An address over its limit is refused before its key is even looked up. The prefix
// counter only ever turns a failure's 401 into a 429 (it tells a client stuck on a revoked key to
// back off): it never refuses a valid key, so someone who has seen a key's prefix in a list cannot
// lock that key out.
export const API_KEY_FAILURE_WINDOW_MS = 15 * 60 * 1000;

const addressLimit = (address: string) => ({
  key: `api-key:address:${addressBucket(address)}`,
  max: env.LATCHKEY_API_KEY_FAILURES_PER_ADDRESS,
  windowMs: API_KEY_FAILURE_WINDOW_MS,
});
const prefixLimit = (token: string) => ({
  key: `api-key:prefix:${displayPrefix(token)}`,
  max: env.LATCHKEY_API_KEY_FAILURES_PER_KEY,
  windowMs: API_KEY_FAILURE_WINDOW_MS,
});

// The gate is read on every API request, the runtime hot path included, so its answer is kept for
// a second per address: a failure on this server drops the entry at once, and one counted on
// another server is seen here within that second.
const GATE_CACHE_MS = 1000;
const gateCache = new Map<string, { verdict: Verdict; until: number }>();

/** Whether this address may present a key at all right now. */
export async function apiKeyAddressGate(db: Db, address: string, now = Date.now()): Promise<Verdict> {
  const bucket = addressBucket(address);
  const cached = gateCache.get(bucket);
  if (cached && cached.until > now) return cached.verdict;
  const verdict = await isExhausted(db, addressLimit(address));
  if (gateCache.size >= 10_000) gateCache.clear();
  gateCache.set(bucket, { verdict, until: now + GATE_CACHE_MS });
  return verdict;
}

/** Counts a failed attempt; refused when the address or the prefix has used up its failures. */
export function recordApiKeyFailure(db: Db, token: string, address: string): Promise<Verdict> {
  gateCache.delete(addressBucket(address));
  return takeTries(db, [addressLimit(address), prefixLimit(token)]);
}
