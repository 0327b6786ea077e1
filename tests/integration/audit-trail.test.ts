import { generateKeyPairSync, randomUUID } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, type Db } from "@/db/client";
import { auditChainHeads, auditEvents, organizations } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { trimAuditTrail } from "@/lib/audit/retention";
import { verifyAuditChains } from "@/lib/audit/verify";
import { listAuditEvents } from "@/lib/audit/queries";
import { addUser, changeRole } from "@/lib/users/service";
import { runInRequest } from "@/lib/request-context";
import * as auditRoute from "@/app/api/v1/audit-events/route";
import * as organizationRoute from "@/app/api/v1/organization/route";
import * as signingKeysRoute from "@/app/api/v1/organization/signing-keys/route";
import * as credentialsRoute from "@/app/api/v1/credentials/route";
import * as credentialRoute from "@/app/api/v1/credentials/[id]/route";
import * as customersRoute from "@/app/api/v1/customers/route";
import * as customerRoute from "@/app/api/v1/customers/[id]/route";
import * as webhooksRoute from "@/app/api/v1/webhooks/route";
import * as webhookRoute from "@/app/api/v1/webhooks/[id]/route";
import * as rotateWebhookRoute from "@/app/api/v1/webhooks/[id]/rotate-secret/route";
import * as valuesRoute from "@/app/api/v1/instances/[id]/connections/[key]/values/route";
import { makeOpsWorld, type OpsWorld } from "../support/ops-world";

// The audit trail against a real database: each audited change writes one row with its actor in
// the change's transaction, hand-overs are counted per minute, rows are append-only and chained,
// an edited row is found, the retention trim keeps the chain verifiable, and tenants stay apart.

let db: Db;
let a: OpsWorld;
let b: OpsWorld;
beforeAll(async () => {
  db = await getDb();
  a = await makeOpsWorld(db);
  b = await makeOpsWorld(db);
});
afterEach(() => {
  vi.useRealTimers();
});

const call = async (
  handler: (request: Request, context?: { params: Promise<Record<string, string>> }) => Promise<Response>,
  o: { method?: string; url: string; key: string; body?: unknown; params?: Record<string, string> },
) => {
  const response = await handler(
    new Request(`http://localhost${o.url}`, {
      method: o.method ?? "GET",
      headers: { authorization: `Bearer ${o.key}`, "user-agent": "audit-test/1.0", "x-request-id": "audit-req-0001" },
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    }),
    { params: Promise.resolve(o.params ?? {}) },
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const rowsOf = (organizationId: string) =>
  db.select().from(auditEvents).where(eq(auditEvents.organizationId, organizationId)).orderBy(asc(auditEvents.seq));

describe("audited changes", () => {
  it("write one row each, with the API key as actor and the request's address, user agent and id", async () => {
    const before = (await rowsOf(a.organizationId)).length;
    expect(
      (
        await call(organizationRoute.PATCH, {
          method: "PATCH",
          url: "/api/v1/organization",
          key: a.keys.admin,
          body: { name: "Ops Renamed" },
        })
      ).status,
    ).toBe(200);
    const pem = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "pem" });
    const signing = await call(signingKeysRoute.POST, {
      method: "POST",
      url: "/api/v1/organization/signing-keys",
      key: a.keys.admin,
      body: { label: "partner 2026", publicKeyPem: pem },
    });
    expect(signing.status).toBe(201);
    const created = await call(credentialsRoute.POST, {
      method: "POST",
      url: "/api/v1/credentials",
      key: a.keys.builder,
      body: { label: "Stripe", authMethod: "api_key", values: { api_key: a.secret } },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const patch = { method: "PATCH", url: `/api/v1/credentials/${id}`, key: a.keys.builder, params: { id } };
    expect(
      (await call(credentialRoute.PATCH, { ...patch, body: { values: { api_key: `${a.secret}-2` } } })).status,
    ).toBe(200);
    expect((await call(credentialRoute.DELETE, { ...patch, method: "DELETE" })).status).toBe(200);

    const rows = (await rowsOf(a.organizationId)).slice(before);
    expect(rows.map((r) => r.action)).toEqual([
      "organization.updated",
      "signing_key.created",
      "credential.created",
      "credential.updated",
      "credential.deleted",
    ]);
    expect(rows[0]).toMatchObject({
      actorType: "api_key",
      actorName: "admin key",
      fields: ["name"],
      targetName: "Ops Renamed",
    });
    expect(rows[2]).toMatchObject({
      actorType: "api_key",
      actorName: "builder key",
      targetType: "credential",
      targetId: id,
      targetName: "Stripe",
      fields: ["label", "values.api_key"],
      userAgent: "audit-test/1.0",
      requestId: "audit-req-0001",
    });
    expect(rows[2]!.address).toBeTruthy();
    expect(rows[3]).toMatchObject({ action: "credential.updated", fields: ["values.api_key"] });
    // Names of fields, never their values.
    expect(JSON.stringify(await rowsOf(a.organizationId))).not.toContain(a.secret);
  });

  it("record customers added, changed and deleted; a refused change records nothing", async () => {
    const before = (await rowsOf(a.organizationId)).length;
    const externalId = `ext-${randomUUID()}`;
    const made = await call(customersRoute.POST, {
      method: "POST",
      url: "/api/v1/customers",
      key: a.keys.builder,
      body: { name: "Acme Audit", externalId },
    });
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    const again = await call(customersRoute.POST, {
      method: "POST",
      url: "/api/v1/customers",
      key: a.keys.builder,
      body: { name: "Acme Twin", externalId },
    });
    expect(again.status).toBe(409);
    const one = { url: `/api/v1/customers/${id}`, key: a.keys.builder, params: { id } };
    expect((await call(customerRoute.PATCH, { ...one, method: "PATCH", body: { name: "Acme Renamed" } })).status).toBe(
      200,
    );
    expect((await call(customerRoute.DELETE, { ...one, method: "DELETE" })).status).toBe(200);
    const rows = (await rowsOf(a.organizationId)).slice(before);
    expect(rows.map((r) => [r.action, r.targetId, r.actorName])).toEqual([
      ["customer.created", id, "builder key"],
      ["customer.updated", id, "builder key"],
      ["customer.deleted", id, "builder key"],
    ]);
    expect(rows[1]!.fields).toContain("name");
    expect((await verifyAuditChains(db, a.organizationId)).broken).toBeNull();
  });

  it("record webhook endpoints created, changed, their secret rotated and deleted, never the secret or the path", async () => {
    const before = (await rowsOf(a.organizationId)).length;
    const made = await call(webhooksRoute.POST, {
      method: "POST",
      url: "/api/v1/webhooks",
      key: a.keys.admin,
      body: { url: "http://127.0.0.1:9/hooks/path-token-7f3a", events: ["*"] },
    });
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    const one = { url: `/api/v1/webhooks/${id}`, key: a.keys.admin, params: { id } };
    expect(
      (await call(webhookRoute.PATCH, { ...one, method: "PATCH", body: { enabled: false, description: "x" } })).status,
    ).toBe(200);
    const rotated = await call(rotateWebhookRoute.POST, { ...one, method: "POST", url: `${one.url}/rotate-secret` });
    expect(rotated.status).toBe(200);
    // A builder may not change it: refused, and nothing recorded.
    expect((await call(webhookRoute.DELETE, { ...one, method: "DELETE", key: a.keys.builder })).status).toBe(403);
    expect((await call(webhookRoute.DELETE, { ...one, method: "DELETE" })).status).toBe(200);
    const rows = (await rowsOf(a.organizationId)).slice(before);
    expect(rows.map((r) => [r.action, r.targetType, r.targetId, r.targetName, r.actorName])).toEqual([
      ["webhook_endpoint.created", "webhook_endpoint", id, "127.0.0.1:9", "admin key"],
      ["webhook_endpoint.updated", "webhook_endpoint", id, "127.0.0.1:9", "admin key"],
      ["webhook_endpoint.secret_rotated", "webhook_endpoint", id, "127.0.0.1:9", "admin key"],
      ["webhook_endpoint.deleted", "webhook_endpoint", id, "127.0.0.1:9", "admin key"],
    ]);
    expect(rows[1]!.fields).toEqual(["description", "enabled"]);
    const all = JSON.stringify(rows);
    for (const secret of [made.body.secret, rotated.body.secret] as string[]) {
      expect(all).not.toContain(secret);
      expect(all).not.toContain(secret.slice(6));
    }
    expect(all).not.toContain("path-token-7f3a");
    expect((await verifyAuditChains(db, a.organizationId)).broken).toBeNull();
  });

  it("name the signed-in user who acted, and team changes", async () => {
    const actor = { type: "user" as const, id: randomUUID(), name: "admin@ops.example" };
    const member = await runInRequest({ requestId: "audit-req-0002", actor }, () =>
      addUser(db, a.organizationId, {
        email: `m-${randomUUID()}@ops.example`,
        name: "M",
        role: "viewer",
        customerId: undefined,
        password: "a-long-password-1",
      }),
    );
    await runInRequest({ requestId: "audit-req-0003", actor }, () =>
      changeRole(db, a.organizationId, actor.id, { userId: member!.id, role: "builder" }),
    );
    const rows = (await rowsOf(a.organizationId)).slice(-2);
    expect(rows.map((r) => [r.action, r.actorType, r.actorName, r.targetId])).toEqual([
      ["member.added", "user", "admin@ops.example", member!.id],
      ["member.role_changed", "user", "admin@ops.example", member!.id],
    ]);
    expect(rows[0]!.fields).toContain("password");
    expect(JSON.stringify(rows)).not.toContain("a-long-password-1");
  });

  it("count hand-overs of secrets per connection, caller and minute", async () => {
    const values = () =>
      call(valuesRoute.GET, {
        url: `/api/v1/instances/${a.instanceId}/connections/api/values`,
        key: a.keys.runtime,
        params: { id: a.instanceId, key: "api" },
      });
    expect((await values()).status).toBe(200);
    expect((await values()).status).toBe(200);
    expect((await values()).status).toBe(200);
    const handOvers = (await rowsOf(a.organizationId)).filter((r) => r.action === "secrets.handed_over");
    const total = handOvers.reduce((n, r) => n + r.handOvers, 0);
    expect(total).toBeGreaterThanOrEqual(3);
    expect(handOvers.length).toBeLessThanOrEqual(2); // a minute may turn between the calls
    expect(handOvers[0]).toMatchObject({
      actorType: "runtime_key",
      actorId: a.runtimeKeyId,
      actorName: "runner",
      targetType: "connection",
      targetId: `${a.instanceId}/api`,
      fields: ["api_key"],
    });
    expect(JSON.stringify(handOvers)).not.toContain(a.secret);
  });

  it("counts every one of many concurrent hand-overs once (they raise their counts together)", async () => {
    const counted = async () =>
      (await rowsOf(a.organizationId))
        .filter((r) => r.action === "secrets.handed_over")
        .reduce((n, r) => n + r.handOvers, 0);
    const before = await counted();
    const values = () =>
      call(valuesRoute.GET, {
        url: `/api/v1/instances/${a.instanceId}/connections/api/values`,
        key: a.keys.runtime,
        params: { id: a.instanceId, key: "api" },
      });
    const answers = await Promise.all(Array.from({ length: 20 }, values));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(await counted()).toBe(before + 20);
  });
});

describe("the chain", () => {
  it("refuses UPDATE and DELETE of a row, and verifies", async () => {
    const [row] = await rowsOf(a.organizationId);
    await expect(
      db.execute(sql`update audit_events set actor_name = 'someone else' where id = ${row!.id}`),
    ).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_events where id = ${row!.id}`)).rejects.toThrow();
    expect((await verifyAuditChains(db, a.organizationId)).broken).toBeNull();
  });

  it("names the first row edited in the database", async () => {
    const w = await makeOpsWorld(db);
    for (const n of [1, 2, 3])
      await recordAudit(db, {
        organizationId: w.organizationId,
        action: "customer.updated",
        target: { type: "customer", id: `c${n}` },
      });
    const rows = await rowsOf(w.organizationId);
    expect((await verifyAuditChains(db, w.organizationId)).broken).toBeNull();
    const edited = rows[rows.length - 2]!;
    // Someone with the database's owner rights, around the trigger.
    await db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
      await tx.execute(sql`update audit_events set target_id = 'c-forged' where id = ${edited.id}`);
      await tx.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
    });
    const report = await verifyAuditChains(db, w.organizationId);
    expect(report.broken).toMatchObject({ organizationId: w.organizationId, id: edited.id, seq: Number(edited.seq) });
    expect(report.broken!.reason).toContain("hash");
    // The other tenant's chain is untouched.
    expect((await verifyAuditChains(db, b.organizationId)).broken).toBeNull();
  });

  it("the retention trim removes old rows and the kept chain still verifies from its oldest row", async () => {
    const [org] = await db
      .insert(organizations)
      .values({ name: "Retention", slug: `retention-${randomUUID()}` })
      .returning();
    const w = { organizationId: org!.id };
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() - 400 * 86_400_000));
    for (const n of [1, 2])
      await recordAudit(db, {
        organizationId: w.organizationId,
        action: "customer.updated",
        target: { type: "customer", id: `old${n}` },
      });
    vi.useRealTimers();
    await recordAudit(db, {
      organizationId: w.organizationId,
      action: "customer.updated",
      target: { type: "customer", id: "new" },
    });
    const before = await rowsOf(w.organizationId);
    const old = before.filter((r) => r.at.getTime() < Date.now() - 365 * 86_400_000);
    expect(old.length).toBeGreaterThanOrEqual(2);
    expect(await trimAuditTrail(db, 365)).toBeGreaterThanOrEqual(old.length);
    const kept = await rowsOf(w.organizationId);
    expect(kept.length).toBe(before.length - old.length);
    const [head] = await db.select().from(auditChainHeads).where(eq(auditChainHeads.organizationId, w.organizationId));
    expect(head!.trimmedThroughSeq).toBe(Number(old[old.length - 1]!.seq));
    expect((await verifyAuditChains(db, w.organizationId)).broken).toBeNull();
    expect((await verifyAuditChains(db, b.organizationId)).broken).toBeNull();
  });
});

describe("GET /api/v1/audit-events", () => {
  const list = (key: string, query = "") => call(auditRoute.GET, { url: `/api/v1/audit-events${query}`, key });

  it("answers admin keys with the organization's rows only, filtered and paginated", async () => {
    const mine = await list(a.keys.admin, "?action=credential&limit=2");
    expect(mine.status).toBe(200);
    const data = mine.body.data as { action: string; actor: { type: string }; hash: string; fields: string[] }[];
    expect(data.map((e) => e.action)).toEqual(["credential.deleted", "credential.updated"]);
    expect(mine.body.nextCursor).toBeTruthy();
    const next = await list(a.keys.admin, `?action=credential&limit=2&cursor=${String(mine.body.nextCursor)}`);
    // The credential made here, and the one the instance's wizard made when the world was set up.
    expect((next.body.data as { action: string }[]).map((e) => e.action)).toEqual([
      "credential.created",
      "credential.created",
    ]);
    const byActor = await list(a.keys.admin, "?actor=runtime_key");
    expect((byActor.body.data as { action: string }[]).every((e) => e.action === "secrets.handed_over")).toBe(true);
    const since = await list(a.keys.admin, `?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(since.body.data).toEqual([]);
    // The other tenant sees none of it.
    const theirs = await list(b.keys.admin);
    expect(JSON.stringify(theirs.body)).not.toContain(a.organizationId);
    expect(JSON.stringify(theirs.body)).not.toContain("Stripe");
  });

  it("refuses builder, viewer and runtime keys, and says what is wrong with a bad filter", async () => {
    expect((await list(a.keys.builder)).status).toBe(403);
    expect((await list(a.keys.viewer)).status).toBe(403);
    expect((await list(a.keys.runtime)).status).toBe(403);
    const bad = await list(a.keys.admin, "?since=yesterday");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("since");
  });

  it("is refused to a customer user and a viewer in lib too, whatever the door", async () => {
    for (const role of ["customer", "viewer", "builder"] as const)
      await expect(listAuditEvents(db, { organizationId: a.organizationId, role }, { limit: 10 })).rejects.toThrow(
        /administrators/,
      );
    const rows = await listAuditEvents(db, { organizationId: a.organizationId, role: "admin" }, { limit: 500 });
    expect(rows.data.every((r) => !JSON.stringify(r).includes(a.secret))).toBe(true);
  });
});
