import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

// Data upgrades that SQL cannot do (values are encrypted, so a routine in code rewrites them), run
// once at start-up: a row here says the upgrade of that name has finished and need not run again.
export const dataUpgrades = pgTable("data_upgrades", {
  name: text("name").primaryKey(),
  finishedAt: timestamp("finished_at", { withTimezone: true }).defaultNow().notNull(),
});
