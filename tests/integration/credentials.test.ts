import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { credentials, customers, organizations } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/service";
import { readCredentialValues } from "@/lib/credentials/secrets";
import * as listRoute from "@/app/api/v1/credentials/route";
import * as itemRoute from "@/app/api/v1/credentials/[id]/route";

// The credentials API against a real database: write-only values, tenant isolation, ciphertext at rest.

const SECRET = `sk_live_${randomUUID()}`;
const PRIVATE_KEY = `-----BEGIN OPENSSH PRIVATE KEY-----\n${randomUUID()}${randomUUID()}\n-----END OPENSSH PRIVATE KEY-----`;

type Tenant = { organizationId: string; customerId: string; key: string };
let db: Db;
let a: Tenant;
let b: Tenant;

async function makeTenant(): Promise<Tenant> {
  const [org] = await db
    .insert(organizations)
    .values({ name: "Org", slug: `org-${randomUUID()}` })
    .returning();
  const [customer] = await db.insert(customers).values({ organizationId: org!.id, name: "Customer" }).returning();
  const { token } = await createApiKey(db, org!.id, null, { name: "test", role: "builder" });
  return { organizationId: org!.id, customerId: customer!.id, key: token };
}

async function call(
  handler: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>,
  key: string,
  init: { method?: string; path?: string; body?: unknown; params?: Record<string, string> } = {},
) {
  const request = new Request(`http://localhost/api/v1/credentials${init.path ?? ""}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
  const response = await handler(request, { params: Promise.resolve(init.params ?? {}) });
  const text = await response.text();
  return {
    status: response.status,
    text,
    json: JSON.parse(text) as Record<string, unknown> & {
      data?: Record<string, unknown>[];
      error?: { code: string; fields?: Record<string, string> };
    },
  };
}

beforeAll(async () => {
  db = await getDb();
  a = await makeTenant();
  b = await makeTenant();
});

describe("credentials API", () => {
  it("stores values encrypted and never returns them", async () => {
    const created = await call(listRoute.POST, a.key, {
      method: "POST",
      body: { label: "Stripe live", authMethod: "api_key", values: { api_key: SECRET } },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      label: "Stripe live",
      authMethod: "api_key",
      complete: true,
      status: "yellow",
      fieldsSet: ["api_key"],
      owner: { type: "organization" },
    });
    expect(created.text).not.toContain(SECRET);
    const id = String(created.json.id);

    const one = await call(itemRoute.GET, a.key, { path: `/${id}`, params: { id } });
    const list = await call(listRoute.GET, a.key);
    for (const r of [one, list]) {
      expect(r.status).toBe(200);
      expect(r.text).not.toContain(SECRET);
    }

    const [row] = await db
      .select()
      .from(credentials)
      .where(sql`${credentials.id} = ${id}`);
    expect(row!.valuesCiphertext).toMatch(/^v1\./);
    const dump = await db.execute(sql`select coalesce(string_agg(c::text, E'\n'), '') as dump from credentials c`);
    expect(JSON.stringify(dump)).not.toContain(SECRET);
    expect((await readCredentialValues(db, { organizationId: a.organizationId }, id)).values.api_key).toBe(SECRET);
  });

  it("keeps a stored value when an update leaves it blank, and marks required gaps incomplete", async () => {
    const created = await call(listRoute.POST, a.key, {
      method: "POST",
      body: { label: "SFTP", authMethod: "private_key", customerId: a.customerId, values: { username: "bob" } },
    });
    expect(created.json).toMatchObject({
      complete: false,
      status: "red",
      statusReason: "Missing Private key",
      owner: { type: "customer", customerId: a.customerId },
    });
    const id = String(created.json.id);
    const patched = await call(itemRoute.PATCH, a.key, {
      method: "PATCH",
      path: `/${id}`,
      params: { id },
      body: { values: { username: "", private_key: PRIVATE_KEY } },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ complete: true, fieldsSet: ["username", "private_key"] });
    expect(patched.text).not.toContain(PRIVATE_KEY);
    const stored = await readCredentialValues(db, { organizationId: a.organizationId, customerId: a.customerId }, id);
    expect(stored.values).toEqual({ username: "bob", private_key: PRIVATE_KEY });
  });

  it("answers bad input with 400 and the field at fault", async () => {
    const bad = await call(listRoute.POST, a.key, {
      method: "POST",
      body: { label: "", authMethod: "basic", values: { password: 42 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.fields).toMatchObject({ label: expect.any(String), "values.password": expect.any(String) });
    const broken = await call(listRoute.POST, a.key, { method: "POST", body: "{not json" });
    expect(broken.status).toBe(400);
    expect(broken.json.error?.code).toBe("invalid_json");
    const unknown = await call(listRoute.POST, a.key, {
      method: "POST",
      body: { label: "x", authMethod: "carrier_pigeon" },
    });
    expect(unknown.json.error?.fields?.authMethod).toMatch(/Unknown auth method/);
  });

  it("filters by label, case-insensitively, and pages", async () => {
    for (const label of ["Alpha Billing", "beta BILLING", "Gamma"]) {
      await call(listRoute.POST, a.key, {
        method: "POST",
        body: { label, authMethod: "api_key", values: { api_key: "x" } },
      });
    }
    const found = await call(listRoute.GET, a.key, { path: "?label=billing" });
    expect(found.json.data?.map((c) => c.label).sort()).toEqual(["Alpha Billing", "beta BILLING"]);
    const first = await call(listRoute.GET, a.key, { path: "?label=billing&limit=1" });
    expect(first.json.data).toHaveLength(1);
    const second = await call(listRoute.GET, a.key, {
      path: `?label=billing&limit=1&cursor=${String(first.json.nextCursor)}`,
    });
    expect(second.json.data).toHaveLength(1);
    expect(second.json.data![0]!.id).not.toBe(first.json.data![0]!.id);
    const wildcard = await call(listRoute.GET, a.key, { path: "?label=%25" });
    expect(wildcard.json.data).toHaveLength(0);
  });

  it("isolates organizations: another tenant's credential is a 404 and never listed", async () => {
    const created = await call(listRoute.POST, a.key, {
      method: "POST",
      body: { label: "A only", authMethod: "api_key", values: { api_key: SECRET } },
    });
    const id = String(created.json.id);
    for (const [handler, method] of [
      [itemRoute.GET, "GET"],
      [itemRoute.PATCH, "PATCH"],
      [itemRoute.DELETE, "DELETE"],
    ] as const) {
      const r = await call(handler, b.key, {
        method,
        path: `/${id}`,
        params: { id },
        body: method === "PATCH" ? { label: "stolen" } : undefined,
      });
      expect(r.status, method).toBe(404);
    }
    const listed = await call(listRoute.GET, b.key);
    expect(listed.json.data?.some((c) => c.id === id)).toBe(false);
    const foreignOwner = await call(listRoute.POST, b.key, {
      method: "POST",
      body: { label: "x", authMethod: "api_key", customerId: a.customerId },
    });
    expect(foreignOwner.status).toBe(400);
    expect(foreignOwner.json.error?.fields?.customerId).toBeDefined();
    expect((await call(itemRoute.GET, a.key, { path: `/${id}`, params: { id } })).json.label).toBe("A only");
  });

  it("limits a customer scope to its own customer's credentials", async () => {
    const { listCredentialDtos, getCredentialDto } = await import("@/lib/credentials/service");
    const org = await call(listRoute.POST, a.key, {
      method: "POST",
      body: { label: "Org secret", authMethod: "api_key", values: { api_key: "o" } },
    });
    const scope = { organizationId: a.organizationId, customerId: a.customerId };
    const page = await listCredentialDtos(db, scope, { owner: "all", limit: 100 });
    expect(page.data.every((c) => c.owner.type === "customer" && c.owner.customerId === a.customerId)).toBe(true);
    await expect(getCredentialDto(db, scope, String(org.json.id))).rejects.toThrow(/No such credential/);
  });
});
