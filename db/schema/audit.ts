import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

// The audit trail: who did what to which target, append-only (a trigger refuses UPDATE and DELETE,
// migration audit_append_only) and hash-chained per organization: each row's hash covers its
// content and the previous row's hash, so an edited, removed or inserted row breaks the chain
// (`npm run audit:verify`). No foreign keys: the trail outlives what it names.
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").notNull(),
    /** The row's place in its organization's chain: 1, 2, 3, ... */
    seq: bigint("seq", { mode: "number" }).notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    targetName: text("target_name"),
    /** The names of the fields changed, never their values. */
    fields: jsonb("fields").$type<string[]>().notNull().default([]),
    address: text("address"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
    /**
     * Hand-overs of secrets are one row per connection, actor and minute: the window's key, and how
     * many hand-overs it counts (the one column an UPDATE may raise; it is outside the hash).
     */
    handOverWindow: text("hand_over_window"),
    handOvers: integer("hand_overs").notNull().default(1),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    uniqueIndex("audit_events_chain_idx").on(t.organizationId, t.seq),
    index("audit_events_org_at_idx").on(t.organizationId, t.at.desc(), t.id.desc()),
    index("audit_events_at_idx").on(t.at),
    uniqueIndex("audit_events_hand_over_window_idx")
      .on(t.organizationId, t.handOverWindow)
      .where(sql`${t.handOverWindow} is not null`),
  ],
);

// The head of each organization's chain: the last row's seq and hash (a writer locks it, so rows of
// one organization are chained one at a time), and where the retention trim cut the chain.
export const auditChainHeads = pgTable("audit_chain_heads", {
  organizationId: uuid("organization_id").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull().default(0),
  hash: text("hash").notNull(),
  /** The last seq the retention trim removed (0: none), and that row's hash: the anchor of the kept chain. */
  trimmedThroughSeq: bigint("trimmed_through_seq", { mode: "number" }).notNull().default(0),
  trimmedHash: text("trimmed_hash"),
});

export type AuditEvent = typeof auditEvents.$inferSelect;
