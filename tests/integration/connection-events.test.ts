import { randomUUID } from "node:crypto";
import { asc, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import {
  configVariables,
  connectionLogs,
  credentialTokens,
  credentials,
  instanceConnections,
  instances,
} from "@/db/schema";
import { recordEvent, recordEvents, type ConnectionEvent } from "@/lib/connections/events";
import { connectionStatus } from "@/lib/connections/status";
import { commitFailure, commitRefreshedMany } from "@/lib/refresh/commit";
import { leaseTokens, makeConnectionWorld } from "@/tests/support/connection-world";

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

/** The connection world (its credential is instance 0's own), with a second instance sharing an org-level credential. */
async function makeWorld(): Promise<World> {
  const w = await makeConnectionWorld(db);
  const { organizationId, customerId } = w;
  const [files] = await db
    .insert(configVariables)
    .values({
      organizationId,
      integrationId: w.integrationId,
      key: "files",
      label: "Files",
      connectionType: "dropbox",
      position: 1,
    })
    .returning();
  const [second] = await db
    .insert(instances)
    .values({ organizationId, customerId, integrationId: w.integrationId, name: "Instance 1" })
    .returning();
  const instanceIds = [w.instanceId, second!.id] as [string, string];
  const [shared] = await db
    .insert(credentials)
    .values({ organizationId, customerId: null, label: "c", authMethod: "oauth2", complete: true })
    .returning();
  const bind = (instanceId: string) => ({
    organizationId,
    customerId,
    instanceId,
    configVariableId: files!.id,
    credentialId: shared!.id,
    ownsCredential: false,
  });
  await db.insert(instanceConnections).values(instanceIds.map(bind));
  return { organizationId, customerId, instanceIds, owned: w.credentialId, shared: shared!.id };
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
    const claim = await leaseTokens(db, w, w.owned, 2);
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
    const claim = await leaseTokens(db, w, w.owned);
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
