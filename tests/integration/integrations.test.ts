import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { customers, organizations } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/service";
import * as typesRoute from "@/app/api/v1/connection-types/route";
import * as typeRoute from "@/app/api/v1/connection-types/[key]/route";
import * as integrationsRoute from "@/app/api/v1/integrations/route";
import * as integrationRoute from "@/app/api/v1/integrations/[id]/route";
import * as instancesRoute from "@/app/api/v1/instances/route";
import * as instanceRoute from "@/app/api/v1/instances/[id]/route";
import * as connectionRoute from "@/app/api/v1/instances/[id]/connections/[key]/route";
import * as testRoute from "@/app/api/v1/instances/[id]/connections/[key]/test/route";
import * as logsRoute from "@/app/api/v1/instances/[id]/connections/[key]/logs/route";
import { instanceWizard, previewWizard, setInstanceConnection } from "@/lib/instances/connections";

// Connection types, integrations and instances through the API against a real database, with a
// real HTTP endpoint standing in for the service whose credentials the test request checks.

type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Tenant = { organizationId: string; customerId: string; key: string };
type Json = Record<string, unknown> & { error?: { code: string; fields?: Record<string, string> } };

const PASSWORD = `pw-${randomUUID()}`;
const HIDDEN_TOKEN = `hidden-${randomUUID()}`;
let db: Db;
let a: Tenant;
let b: Tenant;
let server: Server;
let serviceUrl: string;

async function call(
  handler: Handler,
  key: string,
  init: { method?: string; body?: unknown; params?: Record<string, string>; query?: string } = {},
) {
  const request = new Request(`http://localhost/api/v1/x${init.query ?? ""}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const response = await handler(request, { params: Promise.resolve(init.params ?? {}) });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) as Json };
}

async function makeTenant(): Promise<Tenant> {
  const [org] = await db
    .insert(organizations)
    .values({ name: "Org", slug: `org-${randomUUID()}` })
    .returning();
  const [customer] = await db.insert(customers).values({ organizationId: org!.id, name: "Customer" }).returning();
  const { token } = await createApiKey(db, org!.id, null, { name: "test", role: "admin" });
  return { organizationId: org!.id, customerId: customer!.id, key: token };
}

const acmeType = () => ({
  key: "acme_api",
  label: "Acme API",
  kind: "fields",
  fields: [
    { key: "base_url", label: "Base URL", type: "url", required: true, default: serviceUrl },
    { key: "username", label: "Username", type: "string", required: true },
    { key: "password", label: "Password", type: "password", required: true },
    { key: "account_token", label: "Account token", type: "password", required: false },
  ],
  test: {
    url: "{{base_url}}/me",
    method: "GET",
    auth: { type: "basic", usernameField: "username", passwordField: "password" },
  },
});

beforeAll(async () => {
  db = await getDb();
  a = await makeTenant();
  b = await makeTenant();
  // The service: /me answers 200 to the right basic credentials and 401 otherwise.
  server = createServer((req, res) => {
    const expected = `Basic ${Buffer.from(`alice:${PASSWORD}`).toString("base64")}`;
    const ok = req.url === "/me" && req.headers.authorization === expected;
    res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
    res.end(JSON.stringify(ok ? { user: "alice" } : { error: "bad credentials" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("connection types", () => {
  it("lists the built-in catalogue and declares a custom type", async () => {
    const list = await call(typesRoute.GET, a.key);
    expect(list.status).toBe(200);
    const keys = (list.json.data as { key: string }[]).map((t) => t.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        "amazon_s3",
        "dropbox",
        "salesforce",
        "slack",
        "quickbooks",
        "google_drive",
        "hubspot",
        "microsoft_365",
        "sftp",
        "tableau",
      ]),
    );

    const created = await call(typesRoute.POST, a.key, { method: "POST", body: acmeType() });
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({ key: "acme_api", builtIn: false });
    const again = await call(typesRoute.POST, a.key, { method: "POST", body: acmeType() });
    expect(again.status).toBe(409);
    expect(again.json.error?.fields?.key).toMatch(/already/);
    const one = await call(typeRoute.GET, a.key, { params: { key: "acme_api" } });
    expect(one.status).toBe(200);
    // Another organization does not see it.
    expect((await call(typeRoute.GET, b.key, { params: { key: "acme_api" } })).status).toBe(404);
  });

  it("refuses bad definitions with the field at fault", async () => {
    const dup = await call(typesRoute.POST, a.key, {
      method: "POST",
      body: { ...acmeType(), key: "acme_dup", fields: [...acmeType().fields, { key: "username", label: "Again" }] },
    });
    expect(dup.status).toBe(400);
    expect(dup.json.error?.fields?.["fields.4.key"]).toMatch(/twice/);
    const builtIn = await call(typesRoute.POST, a.key, { method: "POST", body: { ...acmeType(), key: "dropbox" } });
    expect(builtIn.status).toBe(409);
    const secretDefault = await call(typesRoute.POST, a.key, {
      method: "POST",
      body: {
        ...acmeType(),
        key: "acme_secret",
        fields: [{ key: "token", label: "Token", type: "password", default: "x" }],
      },
    });
    expect(secretDefault.status).toBe(400);
    const badTest = await call(typesRoute.POST, a.key, {
      method: "POST",
      body: { ...acmeType(), key: "acme_t", test: { url: "{{nope}}/me" } },
    });
    expect(badTest.json.error?.fields?.["test.url"]).toMatch(/nope/);
    const broken = await call(typesRoute.POST, a.key, { method: "POST", body: { key: "x y", kind: "magic" } });
    expect(broken.status).toBe(400);
    expect(Object.keys(broken.json.error?.fields ?? {})).toEqual(expect.arrayContaining(["key", "kind"]));
  });
});

describe("integrations and instances", () => {
  let integrationId = "";
  let instanceId = "";

  it("creates an integration whose two steps share one connection; bad designs store nothing", async () => {
    const body = {
      name: `Acme sync ${randomUUID()}`,
      configVariables: [
        {
          key: "acme",
          label: "Acme account",
          connectionType: "acme_api",
          fields: { username: { default: "alice" }, account_token: { default: HIDDEN_TOKEN, visibility: "hidden" } },
        },
      ],
      steps: [
        { name: "Fetch orders", action: "acme_api.request", connection: "acme" },
        { name: "Push invoices", action: "acme_api.request", connection: "acme" },
        { name: "Every hour", action: "core.schedule" },
      ],
    };
    const created = await call(integrationsRoute.POST, a.key, { method: "POST", body });
    expect(created.status, created.text).toBe(201);
    integrationId = String(created.json.id);
    const variable = (
      created.json.configVariables as {
        usedBySteps: string[];
        fields: Record<string, { visibility: string; hasDefault: boolean; default?: string }>;
      }[]
    )[0]!;
    expect(variable.usedBySteps).toEqual(["Fetch orders", "Push invoices"]);
    expect(variable.fields.account_token).toEqual({ visibility: "hidden", hasDefault: true });
    expect(variable.fields.username).toMatchObject({ default: "alice" });
    expect(created.text).not.toContain(HIDDEN_TOKEN);

    const before = await db.execute(
      sql`select count(*)::int as n from integrations where organization_id = ${a.organizationId}`,
    );
    const bad = await call(integrationsRoute.POST, a.key, {
      method: "POST",
      body: {
        name: "Broken",
        configVariables: [
          { key: "x", label: "X", connectionType: "acme_api", fields: { nope: { default: "1" } } },
          { key: "y", label: "Y", connectionType: "no_such_type" },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.fields?.["configVariables.0.fields.nope"]).toMatch(/no field/);
    const dupKey = await call(integrationsRoute.POST, a.key, {
      method: "POST",
      body: { name: "Dup", configVariables: [body.configVariables[0], body.configVariables[0]] },
    });
    expect(dupKey.json.error?.fields?.["configVariables.1.key"]).toMatch(/twice/);
    const unknownType = await call(integrationsRoute.POST, a.key, {
      method: "POST",
      body: { name: "Unknown", configVariables: [{ key: "y", label: "Y", connectionType: "no_such_type" }] },
    });
    expect(unknownType.json.error?.fields?.["configVariables.0.connectionType"]).toMatch(/No connection type/);
    const after = await db.execute(
      sql`select count(*)::int as n from integrations where organization_id = ${a.organizationId}`,
    );
    expect(rows(after)[0]).toEqual(rows(before)[0]);

    expect((await call(integrationRoute.GET, b.key, { params: { id: integrationId } })).status).toBe(404);
  });

  it("deploys to a customer; the customer's wizard leaves hidden fields out and checks required ones", async () => {
    const deployed = await call(instancesRoute.POST, a.key, {
      method: "POST",
      body: { integrationId, customerId: a.customerId },
    });
    expect(deployed.status, deployed.text).toBe(201);
    instanceId = String(deployed.json.id);
    expect(deployed.json.connections).toMatchObject([
      { key: "acme", status: "red", statusReason: "Not configured yet" },
    ]);
    // Another organization cannot deploy it or see the instance.
    expect(
      (await call(instancesRoute.POST, b.key, { method: "POST", body: { integrationId, customerId: b.customerId } }))
        .status,
    ).toBe(400);
    expect((await call(instanceRoute.GET, b.key, { params: { id: instanceId } })).status).toBe(404);

    const customerScope = { organizationId: a.organizationId, customerId: a.customerId };
    const wizard = await instanceWizard(db, customerScope, instanceId, "customer");
    const fields = wizard.connections[0]!.fields.map((f) => f.key);
    expect(fields).toEqual(["base_url", "username", "password"]);
    expect(JSON.stringify(wizard)).not.toContain(HIDDEN_TOKEN);
    // The designer's preview is the same wizard, before any instance exists; B's integrations are not A's.
    const preview = await previewWizard(db, a.organizationId, integrationId);
    expect(preview.map((c) => c.fields.map((f) => f.key))).toEqual([fields]);
    expect(preview[0]!.fields.find((f) => f.key === "username")).toMatchObject({ default: "alice", hasDefault: true });
    expect(JSON.stringify(preview)).not.toContain(HIDDEN_TOKEN);
    expect(await previewWizard(db, b.organizationId, integrationId)).toEqual([]);
    // Another customer of the same organization does not find it.
    const [other] = await db.insert(customers).values({ organizationId: a.organizationId, name: "Other" }).returning();
    await expect(
      instanceWizard(db, { organizationId: a.organizationId, customerId: other!.id }, instanceId, "customer"),
    ).rejects.toThrow(/No such instance/);

    await expect(
      setInstanceConnection(db, customerScope, instanceId, "acme", { values: { username: "alice" } }, "customer", null),
    ).rejects.toMatchObject({ fields: { "values.password": "Password is required" } });
    await expect(
      setInstanceConnection(
        db,
        customerScope,
        instanceId,
        "acme",
        { values: { password: "x", account_token: "mine" } },
        "customer",
        null,
      ),
    ).rejects.toMatchObject({ fields: { "values.account_token": expect.stringMatching(/organization/) } });
    await setInstanceConnection(
      db,
      customerScope,
      instanceId,
      "acme",
      { values: { password: "wrong-password" } },
      "customer",
      null,
    );
    const configured = await call(instanceRoute.GET, a.key, { params: { id: instanceId } });
    expect(configured.json.connections).toMatchObject([{ key: "acme", status: "yellow" }]);
  });

  it("tests the connection: refused is red with the reason logged, accepted is green", async () => {
    const params = { id: instanceId, key: "acme" };
    const refused = await call(testRoute.POST, a.key, { method: "POST", params });
    expect(refused.json, refused.text).toMatchObject({ ok: false, status: 401 });
    expect((await call(instanceRoute.GET, a.key, { params: { id: instanceId } })).json.connections).toMatchObject([
      { status: "red", statusReason: expect.stringContaining("401") },
    ]);

    const put = await call(connectionRoute.PUT, a.key, {
      method: "PUT",
      params,
      body: { values: { password: PASSWORD } },
    });
    expect(put.status, put.text).toBe(200);
    const passed = await call(testRoute.POST, a.key, { method: "POST", params });
    expect(passed.json).toMatchObject({ ok: true, status: 200 });
    expect((await call(instanceRoute.GET, a.key, { params: { id: instanceId } })).json.connections).toMatchObject([
      { status: "green" },
    ]);

    const logs = await call(logsRoute.GET, a.key, { params });
    const events = (logs.json.data as { event: string; level: string; message: string }[]).map(
      (l) => `${l.level} ${l.event}: ${l.message}`,
    );
    expect(events[0]).toMatch(/^info test passed: .*200/);
    expect(events).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^error test failed: .*401/),
        expect.stringMatching(/^info configured/),
      ]),
    );
    expect(logs.text).not.toContain(PASSWORD);
    expect((await call(logsRoute.GET, b.key, { params })).status).toBe(404);
  });

  it("PUT replaces the whole design: kept keys keep their connections, a left-out secret default stays", async () => {
    const before = await call(integrationRoute.GET, a.key, { params: { id: integrationId } });
    const acmeId = (before.json.configVariables as { id: string }[])[0]!.id;
    const bound = (await call(instanceRoute.GET, a.key, { params: { id: instanceId } })).json.connections as {
      credentialId: string;
    }[];
    const acme = {
      key: "acme",
      label: "Acme main",
      connectionType: "acme_api",
      fields: { account_token: { visibility: "hidden" } },
    };
    const design = (variables: unknown[]) => ({
      name: String(before.json.name),
      configVariables: variables,
      steps: [{ name: "Fetch orders", action: "acme_api.request", connection: "acme" }],
    });
    const two = { key: "acme_two", label: "Second Acme", connectionType: "acme_api" };
    const put = await call(integrationRoute.PUT, a.key, {
      method: "PUT",
      params: { id: integrationId },
      body: design([acme, two]),
    });
    expect(put.status, put.text).toBe(200);
    const variables = put.json.configVariables as {
      id: string;
      key: string;
      label: string;
      fields: Record<string, { hasDefault: boolean; default?: string }>;
    }[];
    expect(variables.map((v) => [v.key, v.label])).toEqual([
      ["acme", "Acme main"],
      ["acme_two", "Second Acme"],
    ]);
    expect(variables[0]!.id).toBe(acmeId);
    expect(variables[0]!.fields.account_token).toMatchObject({ hasDefault: true });
    expect(variables[0]!.fields.username).toMatchObject({ hasDefault: false });
    expect((put.json.steps as unknown[]).length).toBe(1);
    const instance = await call(instanceRoute.GET, a.key, { params: { id: instanceId } });
    expect(instance.json.connections).toMatchObject([
      { key: "acme", status: "green", credentialId: bound[0]!.credentialId },
      { key: "acme_two", status: "red" },
    ]);

    // Another organization's key finds nothing; a bad design says where and changes nothing.
    const foreign = await call(integrationRoute.PUT, b.key, {
      method: "PUT",
      params: { id: integrationId },
      body: design([acme]),
    });
    expect(foreign.status).toBe(404);
    const bad = await call(integrationRoute.PUT, a.key, {
      method: "PUT",
      params: { id: integrationId },
      body: design([acme, { key: "y", label: "Y", connectionType: "no_such_type" }]),
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.fields?.["configVariables.1.connectionType"]).toMatch(/No connection type/);
    const unchanged = await call(integrationRoute.GET, a.key, { params: { id: integrationId } });
    expect((unchanged.json.configVariables as { key: string }[]).map((v) => v.key)).toEqual(["acme", "acme_two"]);

    // A key left out goes, with its instances' connections; the kept one is untouched.
    const trimmed = await call(integrationRoute.PUT, a.key, {
      method: "PUT",
      params: { id: integrationId },
      body: design([acme]),
    });
    expect(trimmed.status, trimmed.text).toBe(200);
    const after = await call(instanceRoute.GET, a.key, { params: { id: instanceId } });
    expect(after.json.connections).toMatchObject([{ key: "acme", status: "green" }]);
    expect((after.json.connections as unknown[]).length).toBe(1);
    expect(after.text + trimmed.text).not.toContain(HIDDEN_TOKEN);
  });

  it("deleting the instance deletes the credential its wizard created", async () => {
    const instance = await call(instanceRoute.GET, a.key, { params: { id: instanceId } });
    const credentialId = (instance.json.connections as { credentialId: string }[])[0]!.credentialId;
    expect((await call(instanceRoute.DELETE, b.key, { method: "DELETE", params: { id: instanceId } })).status).toBe(
      404,
    );
    expect((await call(instanceRoute.DELETE, a.key, { method: "DELETE", params: { id: instanceId } })).status).toBe(
      200,
    );
    const left = await db.execute(sql`select count(*)::int as n from credentials where id = ${credentialId}`);
    expect(rows(left)[0]).toEqual({ n: 0 });
  });
});

function rows(result: unknown): Record<string, unknown>[] {
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? (result as Record<string, unknown>[])) as Record<
    string,
    unknown
  >[];
}
