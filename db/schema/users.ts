import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { customers } from "./customers";
import { organizations } from "./organizations";

export const teamRoles = ["admin", "builder", "viewer"] as const;
export const userRoles = [...teamRoles, "customer"] as const;
export type TeamRole = (typeof teamRoles)[number];
export type UserRole = (typeof userRoles)[number];

// People who sign in: organization team members, customer users bound to one customer, and embedded
// users (a partner product's end users, signed in by the partner's JWT, always customer users).
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "cascade" }),
    // Stored lower-cased; unique across the installation so that sign-in needs only the address.
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: userRoles }).notNull(),
    // Embedded users have no password: theirs is a marker that no password hash ever matches.
    passwordHash: text("password_hash").notNull(),
    embedded: boolean("embedded").notNull().default(false),
    // The partner's own user id (the JWT's `sub`); set for embedded users only.
    externalId: text("external_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // E-mail signs people in, so it is unique among those who sign in with one; an embedded user's
    // address is the partner's to vouch for and may repeat across customers.
    uniqueIndex("users_email_unique")
      .on(t.email)
      .where(sql`not ${t.embedded}`),
    uniqueIndex("users_embedded_identity_unique")
      .on(t.organizationId, t.customerId, t.externalId)
      .where(sql`${t.embedded}`),
    index("users_organization_idx").on(t.organizationId),
    check("users_role_check", sql`${t.role} in ('admin', 'builder', 'viewer', 'customer')`),
    check("users_customer_role_check", sql`(${t.role} = 'customer') = (${t.customerId} is not null)`),
    check(
      "users_embedded_check",
      sql`${t.embedded} = (${t.externalId} is not null) and (not ${t.embedded} or ${t.role} = 'customer')`,
    ),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
