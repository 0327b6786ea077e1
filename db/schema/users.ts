import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { customers } from "./customers";
import { organizations } from "./organizations";

export const teamRoles = ["admin", "builder", "viewer"] as const;
export const userRoles = [...teamRoles, "customer"] as const;
export type TeamRole = (typeof teamRoles)[number];
export type UserRole = (typeof userRoles)[number];

// People who sign in: organization team members, and customer users bound to one customer.
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
    passwordHash: text("password_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    index("users_organization_idx").on(t.organizationId),
    check("users_role_check", sql`${t.role} in ('admin', 'builder', 'viewer', 'customer')`),
    check("users_customer_role_check", sql`(${t.role} = 'customer') = (${t.customerId} is not null)`),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
