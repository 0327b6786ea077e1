import { sql } from "drizzle-orm";
import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
