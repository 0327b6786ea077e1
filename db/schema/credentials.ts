import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { customers } from "./customers";
import { organizations } from "./organizations";
import { users } from "./users";

// Stored secret material of an organization (customer_id null) or of one of its customers.
export const credentials = pgTable(
  "credentials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    // One of the six auth methods, or a connection type's key.
    authMethod: text("auth_method").notNull(),
    // Every value (and custom header values) as one JSON object, encrypted with the owner's data key.
    valuesCiphertext: text("values_ciphertext"),
    // Which fields hold a value: enough to say "set" or "not set" without decrypting.
    fieldsSet: text("fields_set")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // Custom headers without their values: [{name, on}].
    headerNames: jsonb("header_names")
      .$type<{ name: string; on: "authorize" | "token" | "both" }[]>()
      .notNull()
      .default([]),
    complete: boolean("complete").notNull().default(false),
    incompleteReason: text("incomplete_reason"),
    // The last use (a test, a runtime fetch, a refresh): green after a success, red after a failure.
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    lastFailedAt: timestamp("last_failed_at", { withTimezone: true }),
    lastError: text("last_error"),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // DESC NULLS FIRST is what ORDER BY ... DESC means: only then can a page walk the index in order
    // and stop after limit + 1 matching rows instead of sorting every match.
    index("credentials_organization_created_idx").on(
      t.organizationId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("credentials_customer_created_idx").on(
      t.customerId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // Label search is a case-insensitive substring match: a trigram index keeps it fast at any size.
    // The organization is in the index too (btree_gin): a tenant's search skips to its own rows,
    // where a trigram index of every tenant's labels made a small tenant read a big one's matches.
    index("credentials_organization_label_trgm_idx").using(
      "gin",
      t.organizationId,
      sql`lower(${t.label}) gin_trgm_ops`,
    ),
  ],
);

export type Credential = typeof credentials.$inferSelect;
export type NewCredential = typeof credentials.$inferInsert;
