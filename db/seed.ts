import "server-only";
import { log } from "@/lib/log";
import { sql } from "drizzle-orm";
import { env, type Env } from "@/lib/env";
import { hashPassword } from "@/lib/auth/password";
import { adminPasswordProblem } from "@/lib/auth/password-policy";
import { displayPrefix, hashApiKeyToken } from "@/lib/api-keys/token";
import type { Db } from "./client";
import { apiKeys, customers, organizations, users } from "./schema";

export const DEMO_ORGANIZATION = { name: "Demo Organization", slug: "demo" } as const;

export type SeedOptions = Pick<Env, "mode" | "firstAdmin" | "LATCHKEY_API_KEY">;

/**
 * Seeds an empty database with the first organization, its admin when one is configured (the demo
 * always has its published one; production only LATCHKEY_ADMIN_EMAIL/PASSWORD, otherwise the setup
 * link of lib/setup/first-admin.ts), the demo customer in the demo and, when LATCHKEY_API_KEY is set,
 * that API key. Runs in one transaction under a lock so that several servers starting at once seed once.
 */
export async function seedIfEmpty(db: Db, options: SeedOptions = env): Promise<boolean> {
  const demo = options.mode === "demo";
  const admin = options.firstAdmin;
  // lib/env.ts refuses these at start; checked again here because the guarantee belongs to the
  // seed: outside the demo no account is ever created with a known password.
  if (!demo && admin) {
    const weak = adminPasswordProblem(admin.password, admin.email);
    if (weak) throw new Error(`Latchkey refuses to create the first admin: LATCHKEY_ADMIN_PASSWORD ${weak}`);
  }
  // The common case, a database already in use, costs one indexed read and no password hash.
  const any = await db.select({ id: organizations.id }).from(organizations).limit(1);
  if (any.length > 0) return false;
  const passwordHash = admin ? await hashPassword(admin.password) : undefined;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(74260002)`);
    const existing = await tx.select({ id: organizations.id }).from(organizations).limit(1);
    if (existing.length > 0) return false;
    const [org] = await tx.insert(organizations).values(DEMO_ORGANIZATION).returning();
    if (!org) throw new Error("Seeding failed to create the first organization");
    if (admin && passwordHash) {
      await tx.insert(users).values({
        organizationId: org.id,
        email: admin.email.toLowerCase(),
        name: demo ? "Demo Admin" : "Administrator",
        role: "admin",
        passwordHash,
      });
    }
    if (demo)
      await tx.insert(customers).values({ organizationId: org.id, name: "Globex Corporation", externalId: "globex" });
    if (options.LATCHKEY_API_KEY) {
      await tx.insert(apiKeys).values({
        organizationId: org.id,
        name: "LATCHKEY_API_KEY",
        role: "admin",
        tokenHash: hashApiKeyToken(options.LATCHKEY_API_KEY),
        tokenPrefix: displayPrefix(options.LATCHKEY_API_KEY),
      });
    }
    log.info(`Seeded the ${demo ? "demo " : ""}organization${admin ? `; sign in as ${admin.email}` : ""}`);
    return true;
  });
}
