import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { customers, organizations } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/service";
import * as typesRoute from "@/app/api/v1/connection-types/route";
import * as typeRoute from "@/app/api/v1/connection-types/[key]/route";
import * as integrationsRoute from "@/app/api/v1/integrations/route";
import * as integrationRoute from "@/app/api/v1/integrations/[id]/route";
import * as instancesRoute from "@/app/api/v1/instances/route";
import { instanceWizard, setInstanceConnection } from "@/lib/instances/connections";

// Custom connection types whose keys are Object.prototype's names, and changing and deleting
// custom types through the API (M7 of the security review).

type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Tenant = { organizationId: string; customerId: string; key: string; viewerKey: string };
type Json = Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string> } };

let db: Db;
let a: Tenant;
let b: Tenant;

async function call(
  handler: Handler,
  key: string,
  init: { method?: string; body?: unknown; params?: Record<string, string> } = {},
) {
  const request = new Request("http://localhost/api/v1/x", {
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
    .values({ name: "Types org", slug: `types-${randomUUID()}` })
    .returning();
  const [customer] = await db.insert(customers).values({ organizationId: org!.id, name: "Customer" }).returning();
  const { token } = await createApiKey(db, org!.id, null, { name: "admin", role: "admin" });
  const viewer = await createApiKey(db, org!.id, null, { name: "viewer", role: "viewer" });
  return { organizationId: org!.id, customerId: customer!.id, key: token, viewerKey: viewer.token };
}

/** A type keyed `constructor` with a field keyed `constructor` (the one Object.prototype name the key rule lets through). */
const constructorType = () => ({
  key: "constructor",
  label: "Constructor API",
  kind: "fields",
  fields: [
    { key: "constructor", label: "Constructor token", type: "string", required: true },
    { key: "api_key", label: "API key", type: "password", required: true },
  ],
  oauth: undefined,
});

beforeAll(async () => {
  db = await getDb();
  a = await makeTenant();
  b = await makeTenant();
});

describe("connection types keyed with Object.prototype's names", () => {
  it("a custom type and field keyed constructor: integrations save, list, deploy and configure", async () => {
    expect((await call(typesRoute.POST, a.key, { method: "POST", body: constructorType() })).status).toBe(201);
    const body = {
      name: `Constructor sync ${randomUUID()}`,
      configVariables: [
        {
          key: "constructor",
          label: "Constructor",
          connectionType: "constructor",
          fields: { constructor: { visibility: "customer" }, api_key: { visibility: "hidden", default: "org-secret" } },
        },
      ],
      steps: [{ name: "Call", action: "constructor.request", connection: "constructor" }],
    };
    const created = await call(integrationsRoute.POST, a.key, { method: "POST", body });
    expect(created.status, created.text).toBe(201);
    const integrationId = String(created.json.id);
    expect(created.json.configVariables).toMatchObject([
      {
        key: "constructor",
        fields: {
          constructor: { visibility: "customer", hasDefault: false },
          api_key: { visibility: "hidden", hasDefault: true },
        },
      },
    ]);
    expect((await call(integrationsRoute.GET, a.key)).status).toBe(200);
    expect((await call(integrationRoute.GET, a.key, { params: { id: integrationId } })).status).toBe(200);
    expect((await call(typesRoute.GET, a.key)).status).toBe(200);

    const deployed = await call(instancesRoute.POST, a.key, {
      method: "POST",
      body: { integrationId, customerId: a.customerId },
    });
    expect(deployed.status, deployed.text).toBe(201);
    const instanceId = String(deployed.json.id);
    const scope = { organizationId: a.organizationId, customerId: a.customerId };
    const wizard = await instanceWizard(db, scope, instanceId, "customer");
    expect(wizard.connections[0]!.fields.map((f) => f.key)).toEqual(["constructor"]);
    // A required field named constructor is not "set" by Object.prototype.constructor.
    await expect(
      setInstanceConnection(db, scope, instanceId, "constructor", { values: {} }, "customer", null),
    ).rejects.toMatchObject({ fields: { "values.constructor": expect.stringMatching(/required/) } });
    await setInstanceConnection(
      db,
      scope,
      instanceId,
      "constructor",
      { values: { constructor: "mine" } },
      "customer",
      null,
    );
  });

  it.each(["toString", "hasOwnProperty", "__proto__", "constructor"])(
    "field settings and values named %s are refused or taken as plain keys, never a 500",
    async (name) => {
      const t = await makeTenant();
      const typeKey = `proto_${randomUUID().slice(0, 8)}`;
      expect(
        (
          await call(typesRoute.POST, t.key, {
            method: "POST",
            body: {
              ...constructorType(),
              key: typeKey,
              fields: [{ key: "token", label: "Token", type: "string", required: true }],
            },
          })
        ).status,
      ).toBe(201);
      const result = await call(integrationsRoute.POST, t.key, {
        method: "POST",
        body: {
          name: `Proto ${name} ${randomUUID()}`,
          configVariables: [
            {
              key: "conn",
              label: "Conn",
              connectionType: typeKey,
              fields: JSON.parse(`{"${name}": {"visibility": "hidden"}}`),
            },
          ],
        },
      });
      // __proto__ is dropped by the parser; the others name no field of the type.
      if (name === "__proto__") expect(result.status, result.text).toBe(201);
      else {
        expect(result.status, result.text).toBe(400);
        expect(result.json.error?.fields?.[`configVariables.0.fields.${name}`]).toMatch(/has no field/);
      }
      const unknownType = await call(integrationsRoute.POST, t.key, {
        method: "POST",
        body: { name: `Unknown ${name}`, configVariables: [{ key: "conn", label: "Conn", connectionType: name }] },
      });
      expect(unknownType.status, unknownType.text).toBe(400);
      const step = await call(integrationsRoute.POST, t.key, {
        method: "POST",
        body: { name: `Step ${name}`, steps: [{ name: "S", action: name }] },
      });
      expect(step.status, step.text).toBe(400);
      expect((await call(typeRoute.GET, t.key, { params: { key: name } })).status).toBeGreaterThanOrEqual(400);
      expect((await call(typeRoute.GET, t.key, { params: { key: name } })).status).toBeLessThan(500);
    },
  );
});

describe("changing and deleting custom connection types", () => {
  const acme = () => ({
    key: "acme_edit",
    label: "Acme",
    kind: "fields",
    description: "Acme's API",
    fields: [{ key: "token", label: "Token", type: "password", required: true }],
  });

  it("changes a custom type: the given properties replace the stored ones; key and kind stay", async () => {
    expect((await call(typesRoute.POST, a.key, { method: "POST", body: acme() })).status).toBe(201);
    const patched = await call(typeRoute.PATCH, a.key, {
      method: "PATCH",
      params: { key: "acme_edit" },
      body: { label: "Acme v2", fields: [...acme().fields, { key: "region", label: "Region" }] },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json).toMatchObject({
      key: "acme_edit",
      label: "Acme v2",
      description: "Acme's API",
      builtIn: false,
    });
    const read = await call(typeRoute.GET, a.key, { params: { key: "acme_edit" } });
    expect((read.json.fields as { key: string }[]).map((f) => f.key)).toEqual(["token", "region"]);

    const rekey = await call(typeRoute.PATCH, a.key, {
      method: "PATCH",
      params: { key: "acme_edit" },
      body: { key: "acme_other" },
    });
    expect(rekey.status).toBe(400);
    expect(rekey.json.error?.fields?.key).toMatch(/cannot change/);
    const rekind = await call(typeRoute.PATCH, a.key, {
      method: "PATCH",
      params: { key: "acme_edit" },
      body: { kind: "oauth2" },
    });
    expect(rekind.json.error?.fields?.kind).toMatch(/cannot change/);
    const bad = await call(typeRoute.PATCH, a.key, {
      method: "PATCH",
      params: { key: "acme_edit" },
      body: { fields: [] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.fields?.fields).toMatch(/at least one field/);
    const unknown = await call(typeRoute.PATCH, a.key, {
      method: "PATCH",
      params: { key: "acme_edit" },
      body: { colour: "red" },
    });
    expect(unknown.status).toBe(400);
    expect((await call(typeRoute.GET, a.key, { params: { key: "acme_edit" } })).json).toMatchObject({
      label: "Acme v2",
    });
  });

  it("refuses built-in types, other tenants' types and viewer keys", async () => {
    expect(
      (await call(typeRoute.PATCH, a.key, { method: "PATCH", params: { key: "dropbox" }, body: { label: "Mine" } }))
        .status,
    ).toBe(403);
    expect((await call(typeRoute.DELETE, a.key, { method: "DELETE", params: { key: "dropbox" } })).status).toBe(403);
    expect(
      (await call(typeRoute.PATCH, b.key, { method: "PATCH", params: { key: "acme_edit" }, body: { label: "Theirs" } }))
        .status,
    ).toBe(404);
    expect((await call(typeRoute.DELETE, b.key, { method: "DELETE", params: { key: "acme_edit" } })).status).toBe(404);
    expect((await call(typeRoute.DELETE, a.viewerKey, { method: "DELETE", params: { key: "acme_edit" } })).status).toBe(
      403,
    );
    expect((await call(typeRoute.GET, a.key, { params: { key: "acme_edit" } })).status).toBe(200);
  });

  it("a type in use answers 409 naming the integrations; once unused it is deleted", async () => {
    const name = `Uses Acme ${randomUUID()}`;
    const created = await call(integrationsRoute.POST, a.key, {
      method: "POST",
      body: { name, configVariables: [{ key: "acme", label: "Acme", connectionType: "acme_edit" }] },
    });
    expect(created.status, created.text).toBe(201);
    const refused = await call(typeRoute.DELETE, a.key, { method: "DELETE", params: { key: "acme_edit" } });
    expect(refused.status).toBe(409);
    expect(refused.json.error?.message).toContain(`"${name}"`);
    expect((await call(typeRoute.GET, a.key, { params: { key: "acme_edit" } })).status).toBe(200);

    expect(
      (await call(integrationRoute.DELETE, a.key, { method: "DELETE", params: { id: String(created.json.id) } }))
        .status,
    ).toBe(200);
    const deleted = await call(typeRoute.DELETE, a.key, { method: "DELETE", params: { key: "acme_edit" } });
    expect(deleted.status, deleted.text).toBe(200);
    expect((await call(typeRoute.GET, a.key, { params: { key: "acme_edit" } })).status).toBe(404);
  });

  it("the type keyed constructor can be deleted once unused", async () => {
    const types = await call(typesRoute.POST, b.key, { method: "POST", body: constructorType() });
    expect(types.status).toBe(201);
    expect((await call(typeRoute.DELETE, b.key, { method: "DELETE", params: { key: "constructor" } })).status).toBe(
      200,
    );
    expect((await call(typeRoute.GET, b.key, { params: { key: "constructor" } })).status).toBe(404);
  });
});
