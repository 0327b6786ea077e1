import "server-only";
import type { Db } from "@/db/client";
import { addressBucket } from "@/lib/net/client-address";
import { giveBack, resetCounters, takeTries, type Limit } from "@/lib/rate-limit/counters";

// Sign-in throttling. Each attempt takes a try from three counters at once, before the password is
// checked, so parallel guesses cannot slip past the check:
// - the account from this address (5): guessing one password from one place;
// - the address across accounts (20): spraying many accounts from one place;
// - the account from anywhere (100): guessing spread over many addresses.
// An attacker at one address spends its own pair and address counters and at most 5 of the
// account's 100, so the owner's address still gets in.
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
export const MAX_FAILURES_PER_ACCOUNT = 100;

export type SignInScope = "account" | "address";
export type SignInGate = { allowed: true } | { allowed: false; scope: SignInScope; retryAfterSeconds: number };

function keys(email: string, ip: string) {
  const address = addressBucket(ip);
  return {
    pair: `sign-in:pair:${address}:${email}`,
    address: `sign-in:address:${address}`,
    account: `sign-in:account:${email}`,
  };
}

/** Takes one try for this account from this address, or says which limit is spent and for how long. */
export async function takeSignInTry(db: Db, email: string, ip: string, now = new Date()): Promise<SignInGate> {
  const k = keys(email, ip);
  const limits: Limit[] = [
    { key: k.pair, max: MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS, windowMs: SIGN_IN_WINDOW_MS },
    { key: k.address, max: MAX_FAILURES_PER_ADDRESS, windowMs: SIGN_IN_WINDOW_MS },
    { key: k.account, max: MAX_FAILURES_PER_ACCOUNT, windowMs: SIGN_IN_WINDOW_MS },
  ];
  const verdict = await takeTries(db, limits, now);
  if (verdict.allowed) return verdict;
  return {
    allowed: false,
    scope: verdict.key === k.address ? "address" : "account",
    retryAfterSeconds: verdict.retryAfterSeconds,
  };
}

/**
 * After a correct password: the account's counters start again, and the address gets its try
 * back (it was not a failure), without forgetting the address's other failures.
 */
export async function signInSucceeded(db: Db, email: string, ip: string): Promise<void> {
  const k = keys(email, ip);
  await resetCounters(db, [k.pair, k.account]);
  await giveBack(db, k.address);
}
