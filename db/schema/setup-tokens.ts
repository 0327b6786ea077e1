import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";

// One-time links that let the first administrator of a production installation choose their own
// e-mail and password (lib/setup/first-admin.ts). Only the SHA-256 of the token is stored.
export const setupTokens = pgTable(
  "setup_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("setup_tokens_organization_idx").on(t.organizationId)],
);

export type SetupToken = typeof setupTokens.$inferSelect;
export type NewSetupToken = typeof setupTokens.$inferInsert;
