import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// When each background job (the refresh run; webhook delivery) last finished, on any server: the
// health route answers from here whether they run. One row per job, overwritten by each run.
export const jobHeartbeats = pgTable("job_heartbeats", {
  job: text("job").primaryKey(),
  lastRunAt: timestamp("last_run_at", { withTimezone: true }).notNull(),
  lastResult: jsonb("last_result").$type<Record<string, unknown>>().notNull().default({}),
});

export type JobHeartbeat = typeof jobHeartbeats.$inferSelect;
