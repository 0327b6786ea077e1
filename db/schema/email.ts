import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { credentials } from "./credentials";
import { customers } from "./customers";
import { instances } from "./instances";
import { organizations } from "./organizations";
import { users } from "./users";

// E-mail that could not go out over SMTP (none configured): the organization reads it in Settings →
// Outbox. The body holds working links, so it is stored encrypted with the organization's key.
export const outboxEmails = pgTable(
  "outbox_emails",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    bodyCiphertext: text("body_ciphertext").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("outbox_emails_organization_created_idx").on(t.organizationId, t.createdAt.desc().nullsFirst())],
);

// An e-mailed authorization link: lets someone without an account press CONNECT for one OAuth
// credential, once, within 24 hours. The link itself is a signed token naming this row.
export const authorizationLinks = pgTable(
  "authorization_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "cascade" }),
    credentialId: uuid("credential_id")
      .notNull()
      .references(() => credentials.id, { onDelete: "cascade" }),
    instanceId: uuid("instance_id").references(() => instances.id, { onDelete: "cascade" }),
    connectionKey: text("connection_key"),
    // The scopes CONNECT asks for, as the link was made: the public link page shows them without
    // opening the credential (null: none set, or a link made before they were kept).
    scopes: text("scopes"),
    email: text("email").notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    // An integrator withdrew the link: it opens nothing, and its authorizations in progress are void.
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("authorization_links_credential_idx").on(t.credentialId, t.createdAt.desc().nullsFirst())],
);

export type OutboxEmail = typeof outboxEmails.$inferSelect;
export type AuthorizationLink = typeof authorizationLinks.$inferSelect;
