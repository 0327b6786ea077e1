import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, embeddingTokenUses, users } from "@/db/schema";
import type { EmbeddedClaims } from "./verify";

// What an accepted token makes: its jti remembered, the customer found or created by external id,
// the embedded user found or created by the partner's user id. Concurrent first sign-ins of the
// same customer or user meet at a unique index and end with the same rows.

// No password hash has this shape: an embedded user cannot sign in with a password.
const NO_PASSWORD = "!embedded";

/** Remembers a jti until its token could no longer be accepted; false when it was used before. */
export async function recordTokenUse(db: Db, organizationId: string, jti: string, keepUntil: Date): Promise<boolean> {
  await db.delete(embeddingTokenUses).where(lt(embeddingTokenUses.expiresAt, sql`now()`));
  const rows = await db
    .insert(embeddingTokenUses)
    .values({ organizationId, jti, expiresAt: keepUntil })
    .onConflictDoNothing()
    .returning({ jti: embeddingTokenUses.jti });
  return rows.length === 1;
}

/** The organization's customer with this external id, created (named after customer_name) on first sight. */
export async function findOrCreateCustomer(
  db: Db,
  organizationId: string,
  externalId: string,
  name: string | undefined,
): Promise<{ id: string; name: string; created: boolean }> {
  const inserted = await db
    .insert(customers)
    .values({ organizationId, externalId, name: name ?? externalId })
    .onConflictDoNothing({ target: [customers.organizationId, customers.externalId] })
    .returning({ id: customers.id, name: customers.name });
  if (inserted[0]) return { ...inserted[0], created: true };
  // An existing customer keeps its name: the organization may have renamed it in Latchkey.
  const [row] = await db
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(and(eq(customers.organizationId, organizationId), eq(customers.externalId, externalId)))
    .limit(1);
  return { ...row!, created: false };
}

/** The embedded user of this customer with the partner's user id, its name and e-mail refreshed from the token. */
export async function upsertEmbeddedUser(
  db: Db,
  organizationId: string,
  customerId: string,
  claims: Pick<EmbeddedClaims, "sub" | "name" | "email">,
): Promise<{ id: string }> {
  const email = claims.email?.toLowerCase() ?? "";
  const name = claims.name || claims.email || claims.sub;
  const [row] = await db
    .insert(users)
    .values({
      organizationId,
      customerId,
      externalId: claims.sub,
      embedded: true,
      role: "customer",
      email,
      name,
      passwordHash: NO_PASSWORD,
    })
    .onConflictDoUpdate({
      target: [users.organizationId, users.customerId, users.externalId],
      targetWhere: sql`${users.embedded}`,
      set: { name, email, updatedAt: new Date() },
    })
    .returning({ id: users.id });
  return row!;
}
