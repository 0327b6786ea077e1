import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";

export type FieldVisibility = "customer" | "embedded" | "hidden";
/** Per field of a connection config variable: who sees it, and its default when not secret. */
export type ConfigVariableFieldSettings = Record<
  string,
  { visibility: FieldVisibility; default?: string; hasSecretDefault?: boolean }
>;

// What integrators design: an integration, its config variables (the wizard) and its steps.
export const integrations = pgTable(
  "integrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("integrations_organization_name_unique").on(t.organizationId, t.name),
    index("integrations_organization_created_idx").on(
      t.organizationId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
  ],
);

// A config variable of type connection: a connection type, per-field defaults and visibility.
export const configVariables = pgTable(
  "config_variables",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    label: text("label").notNull(),
    type: text("type").notNull().default("connection"),
    connectionType: text("connection_type").notNull(),
    fields: jsonb("fields").$type<ConfigVariableFieldSettings>().notNull().default({}),
    // Secret defaults, encrypted with the organization's data key (the config variable id as context).
    secretDefaultsCiphertext: text("secret_defaults_ciphertext"),
    allowScopeOverride: boolean("allow_scope_override").notNull().default(false),
    successRedirectUrl: text("success_redirect_url"),
    failureRedirectUrl: text("failure_redirect_url"),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("config_variables_integration_key_unique").on(t.integrationId, t.key)],
);

// A step of an integration: a component action, bound to the connection config variable it needs.
export const integrationSteps = pgTable(
  "integration_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    action: text("action").notNull(),
    configVariableId: uuid("config_variable_id").references(() => configVariables.id, { onDelete: "restrict" }),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("integration_steps_integration_idx").on(t.integrationId, t.position)],
);

export type Integration = typeof integrations.$inferSelect;
export type ConfigVariable = typeof configVariables.$inferSelect;
export type NewConfigVariable = typeof configVariables.$inferInsert;
export type IntegrationStep = typeof integrationSteps.$inferSelect;
