import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { customers, organizations } from "@/db/schema";
import { MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS, MAX_FAILURES_PER_ADDRESS } from "@/lib/auth/rate-limit";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { addUser, addUserSchema, changeRole, removeUser } from "@/lib/users/service";

// Sign-in with its rate limits, and the team rules, against the real database.

const PASSWORD = "correct horse battery";
let db: Db;
let orgId: string;
let otherOrgId: string;
let customerId: string;
let otherCustomerId: string;

const ip = () => `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
const email = (what: string) => `${what}-${randomUUID()}@example.com`;
async function add(organizationId: string, input: Record<string, unknown>) {
  const user = await addUser(
    db,
    organizationId,
    addUserSchema.parse({ name: "Person", password: PASSWORD, role: "builder", ...input }),
  );
  if (!user) throw new Error("addUser returned nothing");
  return user;
}

beforeAll(async () => {
  db = await getDb();
  const [org, other] = await db
    .insert(organizations)
    .values([
      { name: "Team Org", slug: `team-${randomUUID()}` },
      { name: "Other Org", slug: `other-${randomUUID()}` },
    ])
    .returning();
  orgId = org!.id;
  otherOrgId = other!.id;
  const [c1, c2] = await db
    .insert(customers)
    .values([
      { organizationId: orgId, name: "Mine" },
      { organizationId: otherOrgId, name: "Theirs" },
    ])
    .returning();
  customerId = c1!.id;
  otherCustomerId = c2!.id;
});

describe("sign-in", () => {
  it("signs in with the right password and carries organization, role and customer", async () => {
    const member = await add(orgId, { email: email("builder") });
    const user = await signInWithPassword(db, { email: member.email.toUpperCase(), password: PASSWORD }, ip());
    expect(user).toMatchObject({ id: member.id, organizationId: orgId, role: "builder", customerId: null });
    expect(user).not.toHaveProperty("passwordHash");
    const customerUser = await add(orgId, { email: email("customer"), role: "customer", customerId });
    expect(await signInWithPassword(db, { email: customerUser.email, password: PASSWORD }, ip())).toMatchObject({
      role: "customer",
      customerId,
    });
  });

  it("gives a wrong password and an unknown e-mail the same message", async () => {
    const member = await add(orgId, { email: email("same") });
    await expect(signInWithPassword(db, { email: member.email, password: "wrong password" }, ip())).rejects.toThrow(
      "Wrong e-mail or password.",
    );
    await expect(signInWithPassword(db, { email: email("nobody"), password: "wrong password" }, ip())).rejects.toThrow(
      "Wrong e-mail or password.",
    );
    await expect(signInWithPassword(db, { email: "not an e-mail", password: "x" }, ip())).rejects.toThrow(
      "Enter a valid e-mail address",
    );
  });

  it(`locks an account from an address after ${MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS} failures, even for the right password`, async () => {
    const member = await add(orgId, { email: email("locked") });
    const address = ip();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS; i++)
      await expect(signInWithPassword(db, { email: member.email, password: `nope-${i}` }, address)).rejects.toThrow(
        "Wrong e-mail or password.",
      );
    await expect(signInWithPassword(db, { email: member.email, password: PASSWORD }, address)).rejects.toThrow(
      /Too many failed sign-ins for this account\. Try again in \d+ minutes?\./,
    );
  });

  it(`25 parallel wrong passwords get at most ${MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS} tries between them`, async () => {
    const member = await add(orgId, { email: email("parallel") });
    const address = ip();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 25 }, (_, i) =>
        signInWithPassword(db, { email: member.email, password: `wrong-${i}` }, address),
      ),
    );
    const messages = outcomes.map((o) => (o.status === "rejected" ? String((o.reason as Error).message) : "signed in"));
    const tried = messages.filter((m) => m === "Wrong e-mail or password.").length;
    const throttled = messages.filter((m) => /Too many failed sign-ins for this account/.test(m)).length;
    expect(tried).toBe(MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS);
    expect(throttled).toBe(25 - MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS);
    await expect(signInWithPassword(db, { email: member.email, password: PASSWORD }, address)).rejects.toThrow(
      /Too many failed sign-ins/,
    );
  });

  it("an attacker's address is throttled while the owner's own address still gets in", async () => {
    const owner = await add(orgId, { email: email("owner") });
    const attacker = ip();
    const ownAddress = ip();
    await Promise.allSettled(
      Array.from({ length: 25 }, () => signInWithPassword(db, { email: owner.email, password: "guess" }, attacker)),
    );
    await expect(signInWithPassword(db, { email: owner.email, password: PASSWORD }, attacker)).rejects.toThrow(
      /Too many failed sign-ins/,
    );
    expect(await signInWithPassword(db, { email: owner.email, password: PASSWORD }, ownAddress)).toMatchObject({
      id: owner.id,
    });
  });

  it("a success clears the account's failures", async () => {
    const member = await add(orgId, { email: email("clears") });
    const address = ip();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS - 1; i++)
      await expect(signInWithPassword(db, { email: member.email, password: "nope" }, address)).rejects.toThrow();
    await signInWithPassword(db, { email: member.email, password: PASSWORD }, address);
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS - 1; i++)
      await expect(signInWithPassword(db, { email: member.email, password: "nope" }, address)).rejects.toThrow(
        "Wrong e-mail or password.",
      );
    expect(await signInWithPassword(db, { email: member.email, password: PASSWORD }, address)).toMatchObject({
      id: member.id,
    });
  });

  it(`locks an address after ${MAX_FAILURES_PER_ADDRESS} failures across accounts`, async () => {
    const address = ip();
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++)
      await expect(signInWithPassword(db, { email: email(`spray${i}`), password: "nope" }, address)).rejects.toThrow(
        "Wrong e-mail or password.",
      );
    const member = await add(orgId, { email: email("innocent") });
    await expect(signInWithPassword(db, { email: member.email, password: PASSWORD }, address)).rejects.toThrow(
      /Too many failed sign-ins from your network/,
    );
    // The same account from another address is fine.
    expect(await signInWithPassword(db, { email: member.email, password: PASSWORD }, ip())).toMatchObject({
      id: member.id,
    });
  });
});

describe("team", () => {
  it("adds team members and customer users of its own customers only; an e-mail is used once", async () => {
    const address = email("dup");
    await add(orgId, { email: address });
    await expect(add(orgId, { email: address.toUpperCase() })).rejects.toMatchObject({
      fields: { email: "Already in use" },
    });
    await expect(
      add(orgId, { email: email("cust"), role: "customer", customerId: otherCustomerId }),
    ).rejects.toMatchObject({ fields: { customerId: expect.any(String) } });
    expect(
      addUserSchema.safeParse({ email: email("x"), name: "X", role: "customer", password: PASSWORD }).success,
    ).toBe(false);
    expect(addUserSchema.safeParse({ email: email("x"), name: "X", role: "builder", password: "short" }).success).toBe(
      false,
    );
  });

  it("changes roles, keeps the last admin and never lets an admin remove or demote themself", async () => {
    const [org] = await db
      .insert(organizations)
      .values({ name: "Admins", slug: `admins-${randomUUID()}` })
      .returning();
    const id = org!.id;
    const admin = await add(id, { email: email("admin"), role: "admin" });
    const viewer = await add(id, { email: email("viewer"), role: "viewer" });
    await expect(changeRole(db, id, admin.id, { userId: admin.id, role: "builder" })).rejects.toThrow(
      /your own admin role/,
    );
    await expect(removeUser(db, id, admin.id, admin.id)).rejects.toThrow(/cannot remove yourself/);
    await changeRole(db, id, admin.id, { userId: viewer.id, role: "admin" });
    // Two admins now: one may demote the other, but not the last one standing.
    await changeRole(db, id, admin.id, { userId: viewer.id, role: "builder" });
    await changeRole(db, id, admin.id, { userId: viewer.id, role: "admin" });
    await removeUser(db, id, admin.id, viewer.id);
    await expect(removeUser(db, id, viewer.id, admin.id)).rejects.toThrow(/at least one admin/);
  });

  it("cannot touch a user of another organization", async () => {
    const theirs = await add(otherOrgId, { email: email("theirs") });
    const mine = await add(orgId, { email: email("mine"), role: "admin" });
    await expect(changeRole(db, orgId, mine.id, { userId: theirs.id, role: "viewer" })).rejects.toThrow("No such user");
    await expect(removeUser(db, orgId, mine.id, theirs.id)).rejects.toThrow("No such user");
    expect(await signInWithPassword(db, { email: theirs.email, password: PASSWORD }, ip())).toMatchObject({
      organizationId: otherOrgId,
      role: "builder",
    });
  });
});
