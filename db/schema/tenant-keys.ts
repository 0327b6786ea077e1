import { pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { customers } from "./customers";
import { organizations } from "./organizations";

// One data key per tenant (the organization, and each customer), wrapped by the master key.
export const tenantKeys = pgTable(
  "tenant_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "cascade" }),
    // base64url(nonce | ciphertext | tag) of the data key under the master key named by masterKeyId.
    wrappedKey: text("wrapped_key").notNull(),
    masterKeyId: text("master_key_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    rewrappedAt: timestamp("rewrapped_at", { withTimezone: true }),
  },
  (t) => [unique("tenant_keys_tenant_unique").on(t.organizationId, t.customerId).nullsNotDistinct()],
);

export type TenantKey = typeof tenantKeys.$inferSelect;
