import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { events } from "@/db/schema";
import { recordEvent, type ConnectionEvent } from "@/lib/connections/events";
import { createCredential, deleteCredential, updateCredential } from "@/lib/credentials/service";
import { deleteInstance, deployInstance } from "@/lib/instances/service";
import { commitFailure } from "@/lib/refresh/commit";
import { leaseTokens, makeConnectionWorld, type ConnectionWorld } from "@/tests/support/connection-world";

// Contract events (API.md, Webhooks) written by the one event writer and the credential and
// instance services in the same transaction as their change: once per change, none for a change
// that rolled back, never a secret, and only in their own organization.

let db: Db;
beforeAll(async () => {
  db = await getDb();
});

const eventsOf = (organizationId: string) =>
  db.select().from(events).where(eq(events.organizationId, organizationId)).orderBy(asc(events.createdAt));

const ev = (w: ConnectionWorld, e: Partial<ConnectionEvent>): ConnectionEvent => ({
  organizationId: w.organizationId,
  customerId: w.customerId,
  credentialId: w.credentialId,
  name: "used",
  level: "info",
  message: "m",
  ...e,
});

describe("connection events", () => {
  it("writes each contract type once for its change, with the contract's data", async () => {
    const w = await makeConnectionWorld(db);
    await recordEvent(db, ev(w, { name: "configured" }));
    await recordEvent(db, ev(w, { name: "token exchanged", outcome: { ok: true } }));
    await recordEvent(db, ev(w, { name: "test failed", outcome: { ok: false, reason: "401 Unauthorized" } }));
    await recordEvent(db, ev(w, { name: "test passed", outcome: { ok: true } }));
    await recordEvent(db, ev(w, { name: "used", outcome: { ok: true } }));
    await recordEvent(db, ev(w, { name: "refresh failed", level: "warn" }));
    await recordEvent(db, ev(w, { name: "disconnected" }));
    await recordEvent(db, ev(w, { name: "authorize started" }));
    const rows = await eventsOf(w.organizationId);
    expect(rows.map((r) => r.type)).toEqual([
      "connection.configured",
      "connection.authorized",
      "connection.test_failed",
      "connection.recovered",
      "connection.refresh_failed",
      "connection.disconnected",
    ]);
    for (const r of rows) expect(r.id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(rows[2]!.data).toEqual({
      instance: { id: w.instanceId, name: "Acme sync" },
      integration: { id: w.integrationId, name: "Sync" },
      customer: { id: w.customerId, name: "Acme Corp", externalId: expect.stringMatching(/^ext-/) },
      connection: {
        key: "crm",
        label: "CRM",
        configVarId: w.configVarId,
        connectionType: "salesforce",
        credentialId: w.credentialId,
        status: "red",
        reason: "401 Unauthorized",
      },
    });
    expect(rows[3]!.data).toMatchObject({ connection: { status: "green", reason: "Used successfully" } });
  });

  it("writes connection.reauthorization_required from the refresh's fenced commit", async () => {
    const w = await makeConnectionWorld(db);
    const claim = await leaseTokens(db, w, w.credentialId);
    await commitFailure(db, claim, {
      retryAt: null,
      reauthorize: true,
      red: true,
      reason: "Re-authorization needed: invalid_grant",
      level: "error",
      event: "re-authorization needed",
      message: "Refreshing stops until someone presses CONNECT.",
      metadata: { error: "invalid_grant" },
    });
    const rows = await eventsOf(w.organizationId);
    expect(rows.map((r) => r.type)).toEqual(["connection.reauthorization_required"]);
    expect(rows[0]!.data).toMatchObject({
      connection: { status: "red", reason: "Re-authorization needed: invalid_grant" },
    });
  });

  it("writes nothing for a change that rolled back", async () => {
    const w = await makeConnectionWorld(db);
    await expect(
      db.transaction(async (tx) => {
        await recordEvent(tx, ev(w, { name: "token exchanged", outcome: { ok: true } }));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await eventsOf(w.organizationId)).toEqual([]);
  });
});

describe("credential and instance events", () => {
  it("writes credential.created/updated/deleted and instance.created/deleted, never a value, in their organization only", async () => {
    const w = await makeConnectionWorld(db);
    const other = await makeConnectionWorld(db);
    const scope = { organizationId: w.organizationId };
    const secret = `sk-${randomUUID()}`;
    const created = await createCredential(
      db,
      scope,
      { label: "Stripe", authMethod: "api_key", customerId: w.customerId, values: { api_key: secret } },
      null,
    );
    await updateCredential(db, scope, created.id, { label: "Stripe live", values: { api_key: `${secret}-2` } });
    await deleteCredential(db, scope, created.id);
    const instance = await deployInstance(
      db,
      scope,
      { integrationId: w.integrationId, customerId: w.customerId },
      null,
    );
    await deleteInstance(db, scope, instance.id);

    const rows = await eventsOf(w.organizationId);
    expect(rows.map((r) => r.type)).toEqual([
      "credential.created",
      "credential.updated",
      "credential.deleted",
      "instance.created",
      "instance.deleted",
    ]);
    const owner = { type: "customer", customerId: w.customerId };
    expect(rows[0]!.data).toEqual({ credential: { id: created.id, label: "Stripe", authMethod: "api_key", owner } });
    expect(rows[1]!.data).toEqual({
      credential: { id: created.id, label: "Stripe live", authMethod: "api_key", owner },
    });
    expect(rows[3]!.data).toEqual({
      instance: { id: instance.id, name: "Sync" },
      integration: { id: w.integrationId, name: "Sync" },
      customer: { id: w.customerId, name: "Acme Corp", externalId: expect.stringMatching(/^ext-/) },
    });
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(await eventsOf(other.organizationId)).toEqual([]);
  });

  it("writes no credential event when the change is refused", async () => {
    const w = await makeConnectionWorld(db);
    const scope = { organizationId: w.organizationId };
    await expect(deleteCredential(db, scope, randomUUID())).rejects.toThrow();
    const otherOrg = await makeConnectionWorld(db);
    await expect(deleteCredential(db, { organizationId: otherOrg.organizationId }, w.credentialId)).rejects.toThrow();
    expect(await eventsOf(w.organizationId)).toEqual([]);
    expect(await eventsOf(otherOrg.organizationId)).toEqual([]);
  });
});
