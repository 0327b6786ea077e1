import "server-only";
import { createHash } from "node:crypto";
import { and, eq, isNull, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { oauthStates, type NewOAuthState, type OAuthState } from "@/db/schema";

// Authorizations in progress. The callback knows nothing but the `state` the provider hands back,
// so it finds the row by the state's hash alone; the row then names the organization, and every
// later query is scoped to it.

export const STATE_TTL_MS = 10 * 60 * 1000;

/** The stored form of a state: its SHA-256, hex. */
export function hashState(state: string): string {
  return createHash("sha256").update(state, "utf8").digest("hex");
}

/** Records a new authorization in progress. */
export async function insertOAuthState(db: Db, row: NewOAuthState): Promise<void> {
  await db.insert(oauthStates).values(row);
}

export type ConsumedState = { row: OAuthState; outcome: "ok" | "expired" | "replayed" };

/**
 * Marks a state used, once: of two callbacks with the same state only one gets "ok" (the update is
 * atomic). Undefined when no such state was ever issued.
 */
export async function consumeOAuthState(
  db: Db,
  stateHash: string,
  now = new Date(),
): Promise<ConsumedState | undefined> {
  const [consumed] = await db
    .update(oauthStates)
    .set({ consumedAt: now })
    .where(and(eq(oauthStates.stateHash, stateHash), isNull(oauthStates.consumedAt)))
    .returning();
  if (consumed) return { row: consumed, outcome: consumed.expiresAt.getTime() <= now.getTime() ? "expired" : "ok" };
  const [used] = await db.select().from(oauthStates).where(eq(oauthStates.stateHash, stateHash)).limit(1);
  return used ? { row: used, outcome: "replayed" } : undefined;
}

/** Forgets an organization's states that expired more than a day ago (kept a while to name replays). */
export async function deleteStaleOAuthStates(db: Db, organizationId: string, now = new Date()): Promise<void> {
  await db
    .delete(oauthStates)
    .where(
      and(
        eq(oauthStates.organizationId, organizationId),
        lt(oauthStates.expiresAt, new Date(now.getTime() - 24 * 60 * 60 * 1000)),
      ),
    );
}
