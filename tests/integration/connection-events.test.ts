import { randomUUID } from "node:crypto";
import { asc, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import {
  configVariables,
  connectionLogs,
  credentialTokens,
  credentials,
  customers,
  instanceConnections,
  instances,
  integrations,
  organizations,
} from "@/db/schema";
import { recordEvent, recordEvents, type ConnectionEvent } from "@/lib/connections/events";
import { connectionStatus } from "@/lib/connections/status";
import type { Claim } from "@/lib/refresh/claim";
import { commitFailure, commitRefreshedMany } from "@/lib/refresh/commit";

// The one event writer against a real database: status and log rows together in the caller's
// transaction, single and batched, the refresh's fenced commits through it, and every event naming
// its instance where it has one.

let db: Db;
beforeAll(async () => {
  db = await getDb();
});

type World = {
  organizationId: string;
  customerId: string;
  instanceIds: [string, string];
  /** Made by instance 0's wizard. */
  owned: string;
  /** The organization's, bound to both instances. */
  shared: string;
};

async function makeWorld(): Promise<World> {
  const [org] = await db
    .insert(organizations)
    .values({ name: "Events", slug: `events-${randomUUID()}` })
    .returning();
  const organizationId = org!.id;
  const [customer] = await db.insert(customers).values({ organizationId, name: "Customer" }).returning();
  const customerId = customer!.id;
  const [integration] = await db.insert(integrations).values({ organizationId, name: "Sync" }).returning();
  const [crm, files] = await db
    .insert(configVariables)
    .values([
      {
        organizationId,
        integrationId: integration!.id,
        key: "crm",
        label: "CRM",
        connectionType: "salesforce",
        position: 0,
      },
      {
        organizationId,
        integrationId: integration!.id,
        key: "files",
        label: "Files",
        connectionType: "dropbox",
        position: 1,
      },
    ])
    .returning();
  const made = await db
    .insert(instances)
    .values([0, 1].map((n) => ({ organizationId, customerId, integrationId: integration!.id, name: `Instance ${n}` })))
    .returning();
  const instanceIds = [made[0]!.id, made[1]!.id] as [string, string];
  const credential = async (customer: string | null) =>
    (
      await db
        .insert(credentials)
        .values({ organizationId, customerId: customer, label: "c", authMethod: "oauth2", complete: true })
        .returning()
    )[0]!.id;
  const owned = await credential(customerId);
  const shared = await credential(null);
  const bind = (instanceId: string, configVariableId: string, credentialId: string, ownsCredential: boolean) => ({
    organizationId,
    customerId,
    instanceId,
    configVariableId,
    credentialId,
    ownsCredential,
  });
  await db
    .insert(instanceConnections)
    .values([
      bind(instanceIds[0], crm!.id, owned, true),
      bind(instanceIds[0], files!.id, shared, false),
      bind(instanceIds[1], files!.id, shared, false),
    ]);
  return { organizationId, customerId, instanceIds, owned, shared };
}

const event = (w: World, credentialId: string, e: Partial<ConnectionEvent> = {}): ConnectionEvent => ({
  organizationId: w.organizationId,
  customerId: credentialId === w.shared ? null : w.customerId,
  credentialId,
  name: "used",
  level: "info",
  message: "Values handed to integration code",
  ...e,
});

const logsOf = (credentialIds: string[]) =>
  db
    .select()
    .from(connectionLogs)
    .where(inArray(connectionLogs.credentialId, credentialIds))
    .orderBy(asc(connectionLogs.createdAt));

async function statusOf(credentialId: string) {
  const [c] = await db.select().from(credentials).where(eq(credentials.id, credentialId));
  return connectionStatus(c!);
}

async function leased(w: World, credentialId: string, consecutiveFailures = 0): Promise<Claim> {
  const holder = randomUUID();
  await db
    .insert(credentialTokens)
    .values({
      credentialId,
      organizationId: w.organizationId,
      customerId: w.customerId,
      grantType: "authorization_code",
      tokensCiphertext: "sealed-before",
      hasRefreshToken: true,
      leaseHolder: holder,
      leaseUntil: new Date(Date.now() + 30_000),
      consecutiveFailures,
    })
    .onConflictDoUpdate({
      target: credentialTokens.credentialId,
      set: { leaseHolder: holder, leaseUntil: new Date(Date.now() + 30_000), tokensCiphertext: "sealed-before" },
    });
  return {
    credentialId,
    organizationId: w.organizationId,
    customerId: w.customerId,
    grantType: "authorization_code",
    tokensCiphertext: "sealed-before",
    grantedScopes: [],
    consecutiveFailures,
    holder,
  };
}

describe("the event writer", () => {
  it("names the instance that owns the credential when the writer gives none; a shared credential names none", async () => {
    const w = await makeWorld();
    await recordEvent(db, event(w, w.owned));
    await recordEvent(db, event(w, w.shared));
    await recordEvent(db, event(w, w.shared, { instanceId: w.instanceIds[1] }));
    const logs = await logsOf([w.owned, w.shared]);
    expect(logs.map((l) => [l.credentialId, l.instanceId])).toEqual([
      [w.owned, w.instanceIds[0]],
      [w.shared, null],
      [w.shared, w.instanceIds[1]],
    ]);
  });

  it("writes the status and the log row in the caller's transaction: a rollback leaves neither", async () => {
    const w = await makeWorld();
    await expect(
      db.transaction(async (tx) => {
        await recordEvent(tx, event(w, w.owned, { name: "use failed", outcome: { ok: false, reason: "401" } }));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await logsOf([w.owned])).toEqual([]);
    expect((await statusOf(w.owned)).status).toBe("yellow");

    await recordEvent(
      db,
      event(w, w.owned, { name: "test failed", outcome: { ok: false, reason: "401 Unauthorized" } }),
    );
    expect(await statusOf(w.owned)).toEqual({ status: "red", reason: "401 Unauthorized" });
    await recordEvent(db, event(w, w.owned, { name: "test passed", outcome: { ok: true } }));
    expect((await statusOf(w.owned)).status).toBe("green");
    await recordEvent(db, event(w, w.owned, { name: "authorize started" }));
    expect((await statusOf(w.owned)).status).toBe("green");
  });

  it("in its batched form, writes every log row in order and each credential's last outcome, in one statement", async () => {
    const w = await makeWorld();
    await recordEvents(db, [
      event(w, w.owned, { name: "use failed", message: "first", outcome: { ok: false, reason: "down" } }),
      event(w, w.shared, { message: "second", outcome: { ok: true } }),
      event(w, w.owned, { message: "third", outcome: { ok: true } }),
      event(w, w.shared, { name: "use failed", message: "fourth", outcome: { ok: false, reason: "gone" } }),
    ]);
    expect((await logsOf([w.owned, w.shared])).map((l) => l.message)).toEqual(["first", "second", "third", "fourth"]);
    expect((await statusOf(w.owned)).status).toBe("green");
    expect(await statusOf(w.shared)).toEqual({ status: "red", reason: "gone" });
  });
});

describe("the refresh's commits, through the event writer", () => {
  it("a refreshed token set's event names its instance and turns the connection green, fenced on the lease", async () => {
    const w = await makeWorld();
    const claim = await leased(w, w.owned, 2);
    const next = {
      tokensCiphertext: "sealed-after",
      hasRefreshToken: true,
      expiresAt: null,
      grantedScopes: [],
      nextRefreshAt: null,
    };
    const log = { message: "Access token refreshed", metadata: { rotated: false } };
    const stale = { ...claim, holder: randomUUID() };
    expect(await commitRefreshedMany(db, [{ claim: stale, next, log }])).toEqual(new Set());
    expect(await logsOf([w.owned])).toEqual([]);

    expect(await commitRefreshedMany(db, [{ claim, next, log }])).toEqual(new Set([w.owned]));
    const [row] = await logsOf([w.owned]);
    expect(row).toMatchObject({
      event: "refreshed",
      level: "info",
      instanceId: w.instanceIds[0],
      metadata: { rotated: false },
    });
    expect((await statusOf(w.owned)).status).toBe("green");
    const [tokens] = await db.select().from(credentialTokens).where(eq(credentialTokens.credentialId, w.owned));
    expect(tokens).toMatchObject({
      tokensCiphertext: "sealed-after",
      consecutiveFailures: 0,
      needsReauthorization: false,
      leaseHolder: null,
    });
  });

  it("a failed refresh's event names its instance, counts the failure and marks re-authorization", async () => {
    const w = await makeWorld();
    const claim = await leased(w, w.owned);
    const { written } = await commitFailure(db, claim, {
      retryAt: null,
      reauthorize: true,
      red: true,
      reason: "Re-authorization needed: invalid_grant",
      level: "error",
      event: "re-authorization needed",
      message: "Refreshing stops until someone presses CONNECT.",
      metadata: { error: "invalid_grant" },
    });
    expect(written).toBe(true);
    const [row] = await logsOf([w.owned]);
    expect(row).toMatchObject({
      event: "re-authorization needed",
      instanceId: w.instanceIds[0],
      metadata: { error: "invalid_grant", consecutiveFailures: 1 },
    });
    expect(await statusOf(w.owned)).toEqual({ status: "red", reason: "Re-authorization needed: invalid_grant" });
    const [tokens] = await db.select().from(credentialTokens).where(eq(credentialTokens.credentialId, w.owned));
    expect(tokens).toMatchObject({ consecutiveFailures: 1, needsReauthorization: true, leaseHolder: null });
  });
});
