import "server-only";
import { and, count, eq, gt, min } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInFailures } from "@/db/schema";

// Failed sign-ins within a window lock the account (against guessing one password) and the address
// (against spraying many accounts). Counted in the database so every app server sees the same numbers.
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export type SignInGate = { allowed: true } | { allowed: false; scope: "account" | "address"; retryAfterSeconds: number };

async function window(db: Db, column: typeof signInFailures.email | typeof signInFailures.ip, value: string, since: Date) {
  const [row] = await db
    .select({ n: count(), oldest: min(signInFailures.createdAt) })
    .from(signInFailures)
    .where(and(eq(column, value), gt(signInFailures.createdAt, since)));
  return { n: row?.n ?? 0, oldest: row?.oldest ?? null };
}

function retryAfter(oldest: Date | null, now: Date): number {
  const until = (oldest ?? now).getTime() + SIGN_IN_WINDOW_MS;
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

/** Whether another sign-in attempt for this account from this address may be checked now. */
export async function checkSignInGate(db: Db, email: string, ip: string, now = new Date()): Promise<SignInGate> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const account = await window(db, signInFailures.email, email, since);
  if (account.n >= MAX_FAILURES_PER_ACCOUNT) return { allowed: false, scope: "account", retryAfterSeconds: retryAfter(account.oldest, now) };
  const address = await window(db, signInFailures.ip, ip, since);
  if (address.n >= MAX_FAILURES_PER_ADDRESS) return { allowed: false, scope: "address", retryAfterSeconds: retryAfter(address.oldest, now) };
  return { allowed: true };
}

/** Records a failed attempt. */
export async function recordSignInFailure(db: Db, email: string, ip: string): Promise<void> {
  await db.insert(signInFailures).values({ email, ip });
}

/** Forgets an account's failures after it signs in. */
export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.email, email));
}
