import { jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";

// Custom connection types an organization declares; the built-in catalogue lives in code
// (lib/connection-types/catalog). The definition is the parsed input of lib/connection-types/definition.ts.
export const connectionTypes = pgTable(
  "connection_types",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    label: text("label").notNull(),
    kind: text("kind").notNull(),
    definition: jsonb("definition").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("connection_types_organization_key_unique").on(t.organizationId, t.key)],
);

export type ConnectionTypeRow = typeof connectionTypes.$inferSelect;
export type NewConnectionTypeRow = typeof connectionTypes.$inferInsert;
