import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { connectionLogs } from "@/db/schema";
import * as customersRoute from "@/app/api/v1/customers/route";
import * as runtimeKeysRoute from "@/app/api/v1/instances/[id]/runtime-keys/route";
import * as runtimeKeyRoute from "@/app/api/v1/instances/[id]/runtime-keys/[keyId]/route";
import * as connectionRoute from "@/app/api/v1/instances/[id]/connections/[key]/route";
import * as valuesRoute from "@/app/api/v1/instances/[id]/connections/[key]/values/route";
import { deployInstance } from "@/lib/instances/service";
import { createIntegration } from "@/lib/integrations/service";
import { integrationInput } from "@/lib/integrations/schemas";
import { makeOrg, type Org } from "../support/oauth-fixtures";

// Runtime keys: an API key for the integration code of one instance, which reads that instance's
// runtime values and nothing else, and which no other organization can see or revoke.

type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
let db: Db;
let org: Org;
let other: Org;
let instanceId: string;
let siblingId: string;

async function call(
  handler: Handler,
  key: string,
  params: Record<string, string> = {},
  init: { method?: string; body?: unknown } = {},
) {
  const response = await handler(
    new Request("http://localhost/api/v1/x", {
      method: init.method ?? "GET",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: init.body ? JSON.stringify(init.body) : undefined,
    }),
    { params: Promise.resolve(params) },
  );
  return {
    status: response.status,
    json: (await response.json()) as Record<string, unknown> & {
      error?: { code: string; message: string; fields?: Record<string, string> };
    },
  };
}

async function deployed(o: Org) {
  const integration = await createIntegration(
    db,
    o.organizationId,
    integrationInput.parse({
      name: `Runtime keys ${Math.random().toString(36).slice(2)}`,
      configVariables: [{ key: "crm", label: "CRM", connectionType: "http_api_key_header" }],
    }),
  );
  const instance = await deployInstance(db, o.scope, { integrationId: integration.id, customerId: o.customerId }, null);
  const put = await call(
    connectionRoute.PUT,
    o.apiKey,
    { id: instance.id, key: "crm" },
    { method: "PUT", body: { values: { base_url: "https://api.example.com", api_key: "runtime-secret-value-123" } } },
  );
  expect(put.status).toBe(200);
  return instance.id;
}

beforeAll(async () => {
  db = await getDb();
  org = await makeOrg(db);
  other = await makeOrg(db);
  instanceId = await deployed(org);
  siblingId = await deployed(org);
});

describe("hand-overs", () => {
  it("every one of many simultaneous calls is logged, in order, and the connection is green", async () => {
    const before = await db
      .select()
      .from(connectionLogs)
      .where(sql`${connectionLogs.instanceId} = ${siblingId} and ${connectionLogs.event} = 'used'`);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => call(valuesRoute.GET, org.apiKey, { id: siblingId, key: "crm" })),
    );
    for (const a of answers) expect(a.status).toBe(200);
    const after = await db
      .select()
      .from(connectionLogs)
      .where(sql`${connectionLogs.instanceId} = ${siblingId} and ${connectionLogs.event} = 'used'`);
    expect(after.length - before.length).toBe(20);
    const { getInstance } = await import("@/lib/instances/service");
    expect((await getInstance(db, org.scope, siblingId)).connections[0]).toMatchObject({ status: "green" });
  });
});

describe("runtime keys", () => {
  it("are shown once, read their own instance's values, and nothing else", async () => {
    const created = await call(
      runtimeKeysRoute.POST,
      org.apiKey,
      { id: instanceId },
      { method: "POST", body: { name: "Nightly worker" } },
    );
    expect(created.status).toBe(201);
    const key = created.json.key as string;
    expect(key.length).toBeGreaterThan(20);

    const listed = await call(runtimeKeysRoute.GET, org.apiKey, { id: instanceId });
    expect(listed.json.data).toEqual([expect.objectContaining({ id: created.json.id, name: "Nightly worker" })]);
    expect(JSON.stringify(listed.json)).not.toContain(key);

    const values = await call(valuesRoute.GET, key, { id: instanceId, key: "crm" });
    expect(values).toMatchObject({ status: 200, json: { values: { api_key: "runtime-secret-value-123" } } });
    // Another instance of the same organization is as unknown to it as another tenant's.
    expect((await call(valuesRoute.GET, key, { id: siblingId, key: "crm" })).status).toBe(404);
    // Every other route refuses it, reads included, and it cannot mint more keys.
    const customers = await call(customersRoute.GET, key);
    expect(customers).toMatchObject({
      status: 403,
      json: { error: { code: "forbidden", message: expect.stringMatching(/runtime key/) } },
    });
    expect(
      (await call(runtimeKeysRoute.POST, key, { id: instanceId }, { method: "POST", body: { name: "more" } })).status,
    ).toBe(403);
    expect(
      (
        await call(
          connectionRoute.PUT,
          key,
          { id: instanceId, key: "crm" },
          { method: "PUT", body: { values: { api_key: "x" } } },
        )
      ).status,
    ).toBe(403);

    const revoked = await call(
      runtimeKeyRoute.DELETE,
      org.apiKey,
      { id: instanceId, keyId: created.json.id as string },
      { method: "DELETE" },
    );
    expect(revoked).toMatchObject({ status: 200, json: { revoked: true } });
    expect((await call(valuesRoute.GET, key, { id: instanceId, key: "crm" })).status).toBe(401);
  });

  it("are invisible to another organization, and a name is required", async () => {
    const created = await call(
      runtimeKeysRoute.POST,
      org.apiKey,
      { id: instanceId },
      { method: "POST", body: { name: "Worker" } },
    );
    expect((await call(runtimeKeysRoute.GET, other.apiKey, { id: instanceId })).status).toBe(404);
    expect(
      (
        await call(
          runtimeKeysRoute.POST,
          other.apiKey,
          { id: instanceId },
          { method: "POST", body: { name: "theirs" } },
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await call(
          runtimeKeyRoute.DELETE,
          other.apiKey,
          { id: instanceId, keyId: created.json.id as string },
          { method: "DELETE" },
        )
      ).status,
    ).toBe(404);
    expect((await call(valuesRoute.GET, created.json.key as string, { id: instanceId, key: "crm" })).status).toBe(200);

    const nameless = await call(
      runtimeKeysRoute.POST,
      org.apiKey,
      { id: instanceId },
      { method: "POST", body: { name: "  " } },
    );
    expect(nameless).toMatchObject({ status: 400, json: { error: { fields: { name: "Give the key a name" } } } });
    expect((await call(runtimeKeysRoute.GET, org.apiKey, { id: "not-a-uuid" })).status).toBe(400);
  });
});
