import { sql } from "drizzle-orm";
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
    /** The request that wrote the row (its X-Request-Id); null for background work. */
    requestId: text("request_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("connection_logs_credential_created_idx").on(t.credentialId, t.createdAt.desc().nullsFirst()),
    // The dashboard's refresh chart reads one organization's refresh outcomes of the last day. Uses
    // ("used", "test passed") far outnumber refreshes, so the index holds the refresh events only.
    index("connection_logs_refresh_events_idx")
      .on(t.organizationId, t.createdAt)
      .where(sql`${t.event} in ('refreshed', 'refresh failed', 're-authorization needed')`),
  ],
);

export type ConnectionLog = typeof connectionLogs.$inferSelect;
