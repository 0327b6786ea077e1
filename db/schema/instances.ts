import { boolean, index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { credentials } from "./credentials";
import { customers } from "./customers";
import { configVariables, integrations } from "./integrations";
import { organizations } from "./organizations";
import { users } from "./users";

// An integration deployed for one customer.
export const instances = pgTable(
  "instances",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("instances_customer_created_idx").on(t.customerId, t.createdAt.desc().nullsFirst()),
    index("instances_organization_created_idx").on(
      t.organizationId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
  ],
);

// One connection config variable of an instance, bound to the credential that holds its values.
export const instanceConnections = pgTable(
  "instance_connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    instanceId: uuid("instance_id")
      .notNull()
      .references(() => instances.id, { onDelete: "cascade" }),
    configVariableId: uuid("config_variable_id")
      .notNull()
      .references(() => configVariables.id, { onDelete: "cascade" }),
    credentialId: uuid("credential_id").references(() => credentials.id, { onDelete: "set null" }),
    // True when the wizard created the credential for this connection (deleted with the instance);
    // false when the connection borrows an existing credential of the customer or the organization.
    ownsCredential: boolean("owns_credential").notNull().default(true),
    scopes: text("scopes"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("instance_connections_instance_variable_unique").on(t.instanceId, t.configVariableId),
    index("instance_connections_credential_idx").on(t.credentialId),
  ],
);

export type Instance = typeof instances.$inferSelect;
export type InstanceConnection = typeof instanceConnections.$inferSelect;
