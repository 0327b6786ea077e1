import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { customers, setupTokens, users } from "@/db/schema";
import { seedIfEmpty, type SeedOptions } from "@/db/seed";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { ValidationError } from "@/lib/errors";
import {
  completeFirstAdminSetup,
  firstAdminInput,
  offerFirstAdminSetup,
  retireDemoPassword,
  setupLinkUsable,
} from "@/lib/setup/first-admin";
import { freshDatabase } from "@/tests/support/fresh-database";

// M3: a production installation never has an account with a known password. Each test starts from
// an empty database, as a first start does: one fresh database for the file (migrating one is slow),
// emptied before each test.

const production: SeedOptions = { mode: "production", firstAdmin: undefined, LATCHKEY_API_KEY: undefined };
const STRONG = "k7#Vq2-mXp9!wL4z";
const ip = () => `198.51.100.${Math.floor(Math.random() * 250)}`;

let fresh: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  fresh = await freshDatabase();
}, 180_000);
afterAll(() => fresh?.close());
async function empty(): Promise<Db> {
  await fresh.db.execute(sql`truncate organizations, rate_limit_counters cascade`);
  return fresh.db;
}
const setupInput = (token: string, over: Record<string, string> = {}) =>
  firstAdminInput.parse({ token, name: "Ops", email: "ops@example.com", password: STRONG, confirm: STRONG, ...over });

describe("first start in production", () => {
  it("seeds no account with the demo password, and no demo customer", async () => {
    const db = await empty();
    expect(await seedIfEmpty(db, production)).toBe(true);
    expect(await db.select().from(users)).toEqual([]);
    expect(await db.select().from(customers)).toEqual([]);
    await expect(
      signInWithPassword(db, { email: "admin@example.com", password: "latchkey-demo" }, ip()),
    ).rejects.toThrow(/Wrong e-mail or password/);
  });

  it("creates the configured admin, and refuses the demo password even when lib/env.ts is bypassed", async () => {
    const db = await empty();
    await expect(
      seedIfEmpty(db, { ...production, firstAdmin: { email: "admin@example.com", password: "latchkey-demo" } }),
    ).rejects.toThrow(/published demo password/);
    expect(await db.select().from(users)).toEqual([]);
    await seedIfEmpty(db, { ...production, firstAdmin: { email: "Ops@Example.com", password: STRONG } });
    expect((await signInWithPassword(db, { email: "ops@example.com", password: STRONG }, ip())).role).toBe("admin");
    expect(await offerFirstAdminSetup(db, "https://latchkey.example", () => {})).toBeNull();
  });

  it("seeds the demo's published admin and customer only in the demo", async () => {
    const db = await empty();
    await seedIfEmpty(db, {
      mode: "demo",
      firstAdmin: { email: "admin@example.com", password: "latchkey-demo" },
      LATCHKEY_API_KEY: undefined,
    });
    expect((await signInWithPassword(db, { email: "admin@example.com", password: "latchkey-demo" }, ip())).role).toBe(
      "admin",
    );
    expect(await db.select({ name: customers.name }).from(customers)).toEqual([{ name: "Globex Corporation" }]);
  });
});

describe("a database seeded with the demo account, started in production", () => {
  it("switches the published password off, and offers a setup link when no other administrator remains", async () => {
    const db = await empty();
    await seedIfEmpty(db, {
      mode: "demo",
      firstAdmin: { email: "admin@example.com", password: "latchkey-demo" },
      LATCHKEY_API_KEY: undefined,
    });
    const lines: string[] = [];
    expect(await retireDemoPassword(db, (line) => lines.push(line))).toBe(1);
    expect(lines.join()).toMatch(/admin@example.com still had the published demo password/);
    await expect(
      signInWithPassword(db, { email: "admin@example.com", password: "latchkey-demo" }, ip()),
    ).rejects.toThrow(/Wrong e-mail or password/);
    expect(await retireDemoPassword(db, () => {})).toBe(0);
    const token = await offerFirstAdminSetup(db, "https://latchkey.example", () => {});
    expect(token).not.toBeNull();
    await completeFirstAdminSetup(db, setupInput(token!));
    expect((await signInWithPassword(db, { email: "ops@example.com", password: STRONG }, ip())).role).toBe("admin");
  });
});

describe("the one-time setup link", () => {
  it("is logged once, stored hashed, works once, and then no link makes a second administrator", async () => {
    const db = await empty();
    await seedIfEmpty(db, production);
    const lines: string[] = [];
    const token = await offerFirstAdminSetup(db, "https://latchkey.example", (line) => lines.push(line));
    const second = await offerFirstAdminSetup(db, "https://latchkey.example", () => {});
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(lines.join()).toContain(`https://latchkey.example/setup/${token}`);
    const stored = await db.execute(sql`select token_hash from setup_tokens`);
    expect(JSON.stringify(stored)).not.toContain(token!);
    expect(await setupLinkUsable(db, token!)).toBe(true);

    const attempts = await Promise.allSettled([
      completeFirstAdminSetup(db, setupInput(token!)),
      completeFirstAdminSetup(db, setupInput(token!, { email: "other@example.com" })),
    ]);
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    const refused = attempts.find((a) => a.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ValidationError);
    expect(await db.select({ role: users.role }).from(users)).toEqual([{ role: "admin" }]);

    // Used: the same link and the other outstanding one are both void now.
    expect(await setupLinkUsable(db, token!)).toBe(false);
    expect(await setupLinkUsable(db, second!)).toBe(false);
    await expect(completeFirstAdminSetup(db, setupInput(second!, { email: "third@example.com" }))).rejects.toThrow(
      /setup link/,
    );
    expect(await db.select().from(users)).toHaveLength(1);
    expect(await offerFirstAdminSetup(db, "https://latchkey.example", () => {})).toBeNull();
  });

  it("expires, and refuses a weak password or an unknown token with a field error", async () => {
    const db = await empty();
    await seedIfEmpty(db, production);
    const token = (await offerFirstAdminSetup(db, "https://latchkey.example", () => {}))!;
    expect(
      firstAdminInput.safeParse({
        token,
        name: "Ops",
        email: "ops@example.com",
        password: "latchkey-demo",
        confirm: "latchkey-demo",
      }).error?.issues[0],
    ).toMatchObject({ path: ["password"] });
    await expect(completeFirstAdminSetup(db, setupInput("A".repeat(43)))).rejects.toThrow(/setup link/);
    await db.update(setupTokens).set({ expiresAt: sql`now() - interval '1 second'` });
    expect(await setupLinkUsable(db, token)).toBe(false);
    await expect(completeFirstAdminSetup(db, setupInput(token))).rejects.toThrow(/setup link/);
    expect(await db.select().from(users)).toEqual([]);
  });
});
