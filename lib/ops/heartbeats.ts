import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { jobHeartbeats } from "@/db/schema";

/** The background jobs whose last run the health route reports. */
export type Job = "refresh" | "webhooks";

/** Notes that a job has just finished a run, with its figures (counts only, never a name or secret). */
export async function recordHeartbeat(db: Db, job: Job, result: Record<string, number>): Promise<void> {
  await db
    .insert(jobHeartbeats)
    .values({ job, lastRunAt: sql`now()`, lastResult: result })
    .onConflictDoUpdate({ target: jobHeartbeats.job, set: { lastRunAt: sql`now()`, lastResult: result } });
}

/** When the job last finished a run, on any server; null when it never has. */
export async function lastRunOf(db: Db, job: Job): Promise<Date | null> {
  const [row] = await db
    .select({ lastRunAt: jobHeartbeats.lastRunAt })
    .from(jobHeartbeats)
    .where(eq(jobHeartbeats.job, job));
  return row?.lastRunAt ?? null;
}
