import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { users } from "./users";

export const signingAlgorithms = ["RS256", "ES256"] as const;
export type SigningAlgorithm = (typeof signingAlgorithms)[number];

// Public keys that verify the JWTs an embedding partner signs. Several per organization, so that a
// partner can rotate: add the new key, switch signing over, then delete the old one. The algorithm
// is pinned when the key is added (from the key's type), never taken from a token's header.
export const embeddingSigningKeys = pgTable(
  "embedding_signing_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    algorithm: text("algorithm", { enum: signingAlgorithms }).notNull(),
    // RFC 7638 JWK thumbprint (SHA-256): the `kid` a partner may put in the token's header.
    keyId: text("key_id").notNull(),
    // SHA-256 of the DER public key, for people comparing with `openssl pkey -pubin -outform DER | sha256sum`.
    fingerprint: text("fingerprint").notNull(),
    publicKeyPem: text("public_key_pem").notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("embedding_signing_keys_organization_key_id_unique").on(t.organizationId, t.keyId),
    // A token's `kid` finds its key without knowing the organization first.
    index("embedding_signing_keys_key_id_idx").on(t.keyId),
    check("embedding_signing_keys_algorithm_check", sql`${t.algorithm} in ('RS256', 'ES256')`),
  ],
);

// The `jti` of every embedding JWT accepted, kept until the token could no longer be accepted
// anyway (its expiry plus the clock tolerance), so that a token works once.
export const embeddingTokenUses = pgTable(
  "embedding_token_uses",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    jti: text("jti").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "embedding_token_uses_pk", columns: [t.organizationId, t.jti] }),
    index("embedding_token_uses_expires_idx").on(t.expiresAt),
  ],
);

export type EmbeddingSigningKey = typeof embeddingSigningKeys.$inferSelect;
export type NewEmbeddingSigningKey = typeof embeddingSigningKeys.$inferInsert;
export type EmbeddingTokenUse = typeof embeddingTokenUses.$inferSelect;
