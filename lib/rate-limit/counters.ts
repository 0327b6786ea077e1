import "server-only";
import { eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rateLimitCounters } from "@/db/schema";

// Fixed-window counters in the database, so that every app server sees the same numbers. Taking a
// try is one upsert that checks and counts together: PostgreSQL locks the row for the conflict
// update and re-checks the WHERE on the newest version, so any number of parallel attempts get at
// most `max` tries between them (a read followed by an insert let 25 parallel ones through 18 times).

export type Limit = { key: string; max: number; windowMs: number };
export type Verdict = { allowed: true } | { allowed: false; key: string; retryAfterSeconds: number };

class Refused extends Error {
  constructor(readonly key: string) {
    super("rate limited");
  }
}

async function take(db: Db, limit: Limit, now: Date): Promise<boolean> {
  const t = rateLimitCounters;
  const expired = sql`${t.windowStartedAt} <= ${new Date(now.getTime() - limit.windowMs).toISOString()}::timestamptz`;
  const rows = await db
    .insert(t)
    .values({ key: limit.key, hits: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        hits: sql`case when ${expired} then 1 else ${t.hits} + 1 end`,
        windowStartedAt: sql`case when ${expired} then excluded.window_started_at else ${t.windowStartedAt} end`,
      },
      setWhere: sql`${expired} or ${t.hits} < ${limit.max}`,
    })
    .returning({ hits: t.hits });
  return rows.length > 0;
}

async function retryAfter(db: Db, limit: Limit, now: Date): Promise<number> {
  const [row] = await db
    .select({ start: rateLimitCounters.windowStartedAt })
    .from(rateLimitCounters)
    .where(eq(rateLimitCounters.key, limit.key));
  const until = (row?.start ?? now).getTime() + limit.windowMs;
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

/**
 * Takes one try from every limit, or from none: the first one exhausted refuses the attempt and
 * rolls back the others. Keys are taken in sorted order so two attempts never wait on each other's
 * rows crosswise.
 */
export async function takeTries(db: Db, limits: readonly Limit[], now = new Date()): Promise<Verdict> {
  // Counters of addresses seen once would otherwise pile up; one attempt in a hundred clears the
  // ones idle for a day (no window is longer), which needs no scheduler.
  if (Math.random() < 0.01) await sweepCounters(db, new Date(now.getTime() - 86_400_000));
  const sorted = [...limits].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  try {
    await db.transaction(async (tx) => {
      for (const limit of sorted) if (!(await take(tx as unknown as Db, limit, now))) throw new Refused(limit.key);
    });
    return { allowed: true };
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    const limit = sorted.find((l) => l.key === error.key)!;
    return { allowed: false, key: error.key, retryAfterSeconds: await retryAfter(db, limit, now) };
  }
}

/** Whether a limit is already exhausted, without taking a try (a cheap read before costly work). */
export async function isExhausted(db: Db, limit: Limit, now = new Date()): Promise<Verdict> {
  const [row] = await db.select().from(rateLimitCounters).where(eq(rateLimitCounters.key, limit.key));
  if (!row || row.windowStartedAt.getTime() <= now.getTime() - limit.windowMs || row.hits < limit.max)
    return { allowed: true };
  return {
    allowed: false,
    key: limit.key,
    retryAfterSeconds: Math.max(1, Math.ceil((row.windowStartedAt.getTime() + limit.windowMs - now.getTime()) / 1000)),
  };
}

/** Gives back one try (an attempt that turned out not to be a failure). */
export async function giveBack(db: Db, key: string): Promise<void> {
  await db
    .update(rateLimitCounters)
    .set({ hits: sql`greatest(${rateLimitCounters.hits} - 1, 0)` })
    .where(eq(rateLimitCounters.key, key));
}

/** Forgets counters entirely (an account that signed in correctly). */
export async function resetCounters(db: Db, keys: readonly string[]): Promise<void> {
  if (keys.length > 0) await db.delete(rateLimitCounters).where(inArray(rateLimitCounters.key, [...keys]));
}

/** Deletes counters whose window ended long ago; called opportunistically. */
export async function sweepCounters(db: Db, olderThan: Date): Promise<void> {
  await db.delete(rateLimitCounters).where(lt(rateLimitCounters.windowStartedAt, olderThan));
}
