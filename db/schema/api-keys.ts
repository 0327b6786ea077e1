import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { instances } from "./instances";
import { organizations } from "./organizations";
import { users } from "./users";

export const apiKeyRoles = ["admin", "builder", "viewer"] as const;
export type ApiKeyRole = (typeof apiKeyRoles)[number];

// Organization API keys for /api/v1. Only a hash is stored; the key is shown once at creation.
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    role: text("role", { enum: apiKeyRoles }).notNull(),
    // The first characters of the key, so that a person can tell keys apart.
    tokenPrefix: text("token_prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    // A runtime key: limited to the runtime API of this one instance, for the integration code
    // that runs for it. Null: an organization key.
    instanceId: uuid("instance_id").references(() => instances.id, { onDelete: "cascade" }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("api_keys_token_hash_unique").on(t.tokenHash),
    index("api_keys_organization_idx").on(t.organizationId, t.createdAt),
    index("api_keys_instance_idx")
      .on(t.instanceId)
      .where(sql`${t.instanceId} is not null`),
    check("api_keys_role_check", sql`${t.role} in ('admin', 'builder', 'viewer')`),
  ],
);

export type ApiKey = typeof apiKeys.$inferSelect;
export type NewApiKey = typeof apiKeys.$inferInsert;
