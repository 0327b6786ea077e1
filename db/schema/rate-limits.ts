import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// Fixed-window counters of attempts (sign-ins per account and address, failed API keys per key and
// address), one row per key, so that "may I try?" and "count this try" are one upsert that every app
// server sees the same way (lib/rate-limit).
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    // "<what>:<value>", e.g. "sign-in:address:203.0.113.7"; values are normalized by the caller.
    key: text("key").primaryKey(),
    hits: integer("hits").notNull(),
    windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
  },
  // Old windows are swept by age.
  (t) => [index("rate_limit_counters_window_idx").on(t.windowStartedAt)],
);
