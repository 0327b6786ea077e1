import "server-only";
import { log as logger } from "@/lib/log";
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { organizations, setupTokens, users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { adminPasswordProblem, DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD } from "@/lib/auth/password-policy";
import { ValidationError } from "@/lib/errors";

// The first administrator of a production installation that was started without
// LATCHKEY_ADMIN_EMAIL/PASSWORD: the server logs a one-time link, and whoever can read the server's
// log (the operator) opens it and chooses e-mail and password. No password is ever known in advance.

export const SETUP_LINK_LIFETIME_SECONDS = 60 * 60;
const SETUP_LOCK = 74_260_003;

const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("base64url");

// A password hash that no password matches: the account stays, its demo password no longer works.
export const RETIRED_PASSWORD = "!retired-demo-password";

async function hasAdministrator(db: Db): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.role, "admin"),
        eq(users.embedded, false),
        isNull(users.customerId),
        ne(users.passwordHash, RETIRED_PASSWORD),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * A database seeded by an older version (or by the demo) may hold the published demo account. In
 * production its password is switched off at start, with a warning; when no other administrator
 * remains, offerFirstAdminSetup then logs a setup link. Returns how many accounts were retired.
 */
export async function retireDemoPassword(
  db: Db,
  log: (line: string) => void = (line) => logger.warn(line),
): Promise<number> {
  const candidates = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.email, DEMO_ADMIN_EMAIL), eq(users.embedded, false)));
  let retired = 0;
  for (const user of candidates) {
    if (!(await verifyPassword(DEMO_ADMIN_PASSWORD, user.passwordHash))) continue;
    // Compare-and-set on the hash: a password changed meanwhile is left alone.
    const done = await db
      .update(users)
      .set({ passwordHash: RETIRED_PASSWORD, updatedAt: sql`now()` })
      .where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash)))
      .returning({ id: users.id });
    retired += done.length;
  }
  if (retired > 0)
    log(
      `WARNING: ${DEMO_ADMIN_EMAIL} still had the published demo password; it no longer signs in (without another administrator, the setup link below makes a new one).`,
    );
  return retired;
}

/**
 * When the installation has no administrator yet, stores a new setup token (hashed, expiring) for
 * the first organization and logs its link; returns the token (tests), or null when not needed.
 */
export async function offerFirstAdminSetup(
  db: Db,
  baseUrl: string,
  log: (line: string) => void = (line) => logger.warn(line),
): Promise<string | null> {
  if (await hasAdministrator(db)) return null;
  const [org] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .orderBy(asc(organizations.createdAt))
    .limit(1);
  if (!org) return null;
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SETUP_LINK_LIFETIME_SECONDS * 1000);
  await db.insert(setupTokens).values({ organizationId: org.id, tokenHash: hashToken(token), expiresAt });
  log(
    `No administrator yet. Open ${baseUrl}/setup/${token} within ${SETUP_LINK_LIFETIME_SECONDS / 60} minutes to create the first one ` +
      "(the link works once; restart the server for a new one, or set LATCHKEY_ADMIN_EMAIL and LATCHKEY_ADMIN_PASSWORD).",
  );
  return token;
}

// Tokens are 43 base64url characters; anything else is not worth a query.
const tokenShape = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

/** Whether a setup link can still be used (the page shows the form or says why not). */
export async function setupLinkUsable(db: Db, token: string): Promise<boolean> {
  if (!tokenShape.safeParse(token).success) return false;
  if (await hasAdministrator(db)) return false;
  const rows = await db
    .select({ id: setupTokens.id })
    .from(setupTokens)
    .where(
      and(
        eq(setupTokens.tokenHash, hashToken(token)),
        isNull(setupTokens.usedAt),
        gt(setupTokens.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export const firstAdminInput = z
  .object({
    token: z.string(),
    name: z.string().trim().min(1, "Enter your name").max(200),
    email: z.email("Enter an e-mail address").max(320),
    password: z.string().max(1024),
    confirm: z.string().max(1024),
  })
  .superRefine((v, ctx) => {
    const weak = adminPasswordProblem(v.password, v.email);
    if (weak) ctx.addIssue({ code: "custom", path: ["password"], message: `The password ${weak}` });
    else if (v.password !== v.confirm)
      ctx.addIssue({ code: "custom", path: ["confirm"], message: "The passwords do not match" });
  });

export class SetupLinkUnusableError extends ValidationError {
  constructor() {
    super(
      "This setup link has expired, has been used, or an administrator already exists. Restart the server for a new link.",
    );
    this.name = "SetupLinkUnusableError";
  }
}

/**
 * Creates the first administrator through a setup link. The token is consumed by one conditional
 * UPDATE, so two submissions of one link cannot both succeed; under the lock, no second
 * administrator is ever made this way, whichever link is used.
 */
export async function completeFirstAdminSetup(
  db: Db,
  input: z.infer<typeof firstAdminInput>,
): Promise<{ email: string }> {
  if (!tokenShape.safeParse(input.token).success) throw new SetupLinkUnusableError();
  const passwordHash = await hashPassword(input.password);
  const email = input.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK})`);
    const [claimed] = await tx
      .update(setupTokens)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(setupTokens.tokenHash, hashToken(input.token)),
          isNull(setupTokens.usedAt),
          gt(setupTokens.expiresAt, sql`now()`),
        ),
      )
      .returning({ organizationId: setupTokens.organizationId });
    if (!claimed || (await hasAdministrator(tx))) throw new SetupLinkUnusableError();
    const taken = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    if (taken.length > 0)
      throw new ValidationError("Some fields need attention.", { email: "This e-mail address already has an account" });
    await tx
      .insert(users)
      .values({ organizationId: claimed.organizationId, email, name: input.name, role: "admin", passwordHash });
    // Every other outstanding link is void now that an administrator exists.
    await tx
      .update(setupTokens)
      .set({ usedAt: sql`now()` })
      .where(isNull(setupTokens.usedAt));
    return { email };
  });
}
