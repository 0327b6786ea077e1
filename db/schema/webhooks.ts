import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { events } from "./events";
import { organizations } from "./organizations";

// Where an organization wants its events sent (API.md, Webhooks). The signing secret is sealed with
// the organization's data key (the endpoint id as context); after a rotation the previous one keeps
// signing beside it until previous_secret_expires_at.
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    // Event types, or ["*"] for all.
    events: text("events")
      .array()
      .notNull()
      .default(sql`'{*}'::text[]`),
    description: text("description").notNull().default(""),
    enabled: boolean("enabled").notNull().default(true),
    // Why it was disabled by Latchkey (failing for days), null when enabled or disabled by a person.
    disabledReason: text("disabled_reason"),
    secretCiphertext: text("secret_ciphertext").notNull(),
    previousSecretCiphertext: text("previous_secret_ciphertext"),
    previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true }),
    // The start of the current run of failed attempts (null after a success): 3 days disables it.
    failingSince: timestamp("failing_since", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_endpoints_organization_created_idx").on(t.organizationId, t.createdAt.desc().nullsFirst())],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

export type DeliveryStatus = "pending" | "delivered" | "failed";

// One event to one endpoint: each attempt to send it, claimed with a lease (lib/webhooks/claim.ts)
// so that any number of servers share the work and none sends it twice at once.
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: text("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    eventType: text("event_type").notNull(),
    status: text("status").$type<DeliveryStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).defaultNow(),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    leaseHolder: text("lease_holder"),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    lastLatencyMs: integer("last_latency_ms"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("webhook_deliveries_endpoint_event_unique").on(t.endpointId, t.eventId),
    // The claim reads due pending deliveries only, oldest due first.
    index("webhook_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index("webhook_deliveries_endpoint_created_idx").on(t.endpointId, t.createdAt.desc().nullsFirst()),
  ],
);

export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
