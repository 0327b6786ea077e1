import { pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";

// Latchkey's client registration at an MCP server's authorization server, one per organization,
// connection type and server (its resource URI), made at the first CONNECT and reused by the next.
// The client secret and metadata are sealed with the organization's key (`sealed`): they are the
// organization's, whichever customer's connection first made them.
export const mcpClientRegistrations = pgTable(
  "mcp_client_registrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    connectionType: text("connection_type").notNull(),
    resource: text("resource").notNull(),
    issuer: text("issuer").notNull(),
    /** How Latchkey is known there: a client ID metadata document or dynamic client registration. */
    method: text("method").$type<"metadata_document" | "dynamic_registration">().notNull(),
    sealed: text("sealed").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("mcp_client_registrations_unique").on(t.organizationId, t.connectionType, t.resource)],
);

export type McpClientRegistrationRow = typeof mcpClientRegistrations.$inferSelect;
