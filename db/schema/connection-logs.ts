import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { credentials } from "./credentials";
import { organizations } from "./organizations";

export type LogLevel = "info" | "warn" | "error";

// Every event of a credential's life (configured, tested, used, refreshed, ...). Never a secret.
export const connectionLogs = pgTable(
  "connection_logs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id"),
    credentialId: uuid("credential_id")
      .notNull()
      .references(() => credentials.id, { onDelete: "cascade" }),
    instanceId: uuid("instance_id"),
    level: text("level").$type<LogLevel>().notNull(),
    event: text("event").notNull(),
    message: text("message").notNull(),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("connection_logs_credential_created_idx").on(t.credentialId, t.createdAt.desc().nullsFirst())],
);

export type ConnectionLog = typeof connectionLogs.$inferSelect;
