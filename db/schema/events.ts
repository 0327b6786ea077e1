import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";

// What happened to a connection, credential or instance, in the contract's words (API.md,
// Webhooks): written by the one event writer in the same transaction as the change. Never a secret.
export const events = pgTable(
  "events",
  {
    id: text("id")
      .primaryKey()
      .default(sql`'evt_' || replace(gen_random_uuid()::text, '-', '')`),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("events_organization_created_idx").on(t.organizationId, t.createdAt.desc().nullsFirst()),
    // Retention deletes by age across organizations.
    index("events_created_idx").on(t.createdAt),
  ],
);

export type EventRow = typeof events.$inferSelect;
