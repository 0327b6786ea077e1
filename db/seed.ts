import "server-only";
import { sql } from "drizzle-orm";
import { env } from "@/lib/env";
import { hashPassword } from "@/lib/auth/password";
import { displayPrefix, hashApiKeyToken } from "@/lib/api-keys/token";
import type { Db } from "./client";
import { apiKeys, customers, organizations, users } from "./schema";

export const DEMO_ORGANIZATION = { name: "Demo Organization", slug: "demo" } as const;

/**
 * Seeds an empty database with the demo organization, its admin, a demo customer and, when
 * LATCHKEY_API_KEY is set, that API key. Runs in one transaction under a lock so that several
 * servers starting at once seed once.
 */
export async function seedIfEmpty(db: Db): Promise<boolean> {
  // The common case, a database already in use, costs one indexed read and no password hash.
  const any = await db.select({ id: organizations.id }).from(organizations).limit(1);
  if (any.length > 0) return false;
  const passwordHash = await hashPassword(env.LATCHKEY_ADMIN_PASSWORD);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(74260002)`);
    const existing = await tx.select({ id: organizations.id }).from(organizations).limit(1);
    if (existing.length > 0) return false;
    const [org] = await tx.insert(organizations).values(DEMO_ORGANIZATION).returning();
    if (!org) throw new Error("Seeding failed to create the demo organization");
    await tx.insert(users).values({
      organizationId: org.id,
      email: env.LATCHKEY_ADMIN_EMAIL.toLowerCase(),
      name: "Demo Admin",
      role: "admin",
      passwordHash,
    });
    await tx.insert(customers).values({ organizationId: org.id, name: "Globex Corporation", externalId: "globex" });
    if (env.LATCHKEY_API_KEY) {
      await tx.insert(apiKeys).values({
        organizationId: org.id,
        name: "LATCHKEY_API_KEY",
        role: "admin",
        tokenHash: hashApiKeyToken(env.LATCHKEY_API_KEY),
        tokenPrefix: displayPrefix(env.LATCHKEY_API_KEY),
      });
    }
    console.info(`[latchkey] Seeded the demo organization; sign in as ${env.LATCHKEY_ADMIN_EMAIL}`);
    return true;
  });
}
