import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { apiKeys, organizations } from "@/db/schema";
import { createApiKey, revokeOrganizationApiKey } from "@/lib/api-keys/service";
import * as organizationRoute from "@/app/api/v1/organization/route";
import * as customersRoute from "@/app/api/v1/customers/route";

// Bearer API keys on /api/v1 against the real database: who the key belongs to, what its role
// allows, and the contract's error shape for every refusal.

type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
let db: Db;
let orgA: string;
let orgB: string;

async function call(handler: Handler, authorization: string | null, init: { method?: string; body?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (authorization !== null) headers.authorization = authorization;
  const response = await handler(
    new Request("http://localhost/api/v1/x", { method: init.method ?? "GET", headers, body: init.body }),
    { params: Promise.resolve({}) },
  );
  return {
    status: response.status,
    json: (await response.json()) as Record<string, unknown> & {
      error?: { code: string; message: string; fields?: Record<string, string> };
    },
  };
}

beforeAll(async () => {
  db = await getDb();
  const [a, b] = await db
    .insert(organizations)
    .values([
      { name: "Key Org A", slug: `keys-a-${randomUUID()}` },
      { name: "Key Org B", slug: `keys-b-${randomUUID()}` },
    ])
    .returning();
  orgA = a!.id;
  orgB = b!.id;
});

describe("API keys", () => {
  it("answers 401 in the contract's shape without a key, with a wrong one and with a revoked one", async () => {
    const { token, key: apiKey } = await createApiKey(db, orgA, null, { name: "soon revoked", role: "builder" });
    await revokeOrganizationApiKey(db, orgA, apiKey.id);
    for (const auth of [null, "Bearer lk_not_a_real_key_0000000000", "Basic abc", `Bearer ${token}`]) {
      const r = await call(organizationRoute.GET, auth);
      expect(r.status, String(auth)).toBe(401);
      expect(r.json.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
  });

  it("resolves the key's own organization, and records when it was last used", async () => {
    const a = await createApiKey(db, orgA, null, { name: "a", role: "builder" });
    const b = await createApiKey(db, orgB, null, { name: "b", role: "builder" });
    expect((await call(organizationRoute.GET, `Bearer ${a.token}`)).json).toMatchObject({
      id: orgA,
      name: "Key Org A",
    });
    expect((await call(organizationRoute.GET, `Bearer ${b.token}`)).json).toMatchObject({
      id: orgB,
      name: "Key Org B",
    });
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, a.key.id));
    expect(row!.lastUsedAt).toBeInstanceOf(Date);
    expect(row!.tokenHash).not.toContain(a.token);
  });

  it("lets a viewer key read but not write (403); an admin key writes", async () => {
    const viewer = await createApiKey(db, orgA, null, { name: "viewer", role: "viewer" });
    expect((await call(customersRoute.GET, `Bearer ${viewer.token}`)).status).toBe(200);
    const refused = await call(customersRoute.POST, `Bearer ${viewer.token}`, {
      method: "POST",
      body: JSON.stringify({ name: "Nope" }),
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error?.code).toBeTruthy();
    const admin = await createApiKey(db, orgA, null, { name: "admin", role: "admin" });
    expect(
      (
        await call(customersRoute.POST, `Bearer ${admin.token}`, {
          method: "POST",
          body: JSON.stringify({ name: "Yes" }),
        })
      ).status,
    ).toBe(201);
  });

  it("answers broken JSON and wrong types with a 400 in the contract's shape", async () => {
    const { token } = await createApiKey(db, orgA, null, { name: "bad input", role: "admin" });
    const broken = await call(customersRoute.POST, `Bearer ${token}`, { method: "POST", body: "{not json" });
    expect(broken.status).toBe(400);
    expect(broken.json.error).toMatchObject({ code: "invalid_json", message: expect.stringMatching(/JSON/) });
    const wrong = await call(customersRoute.POST, `Bearer ${token}`, {
      method: "POST",
      body: JSON.stringify({ name: 42 }),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error?.fields).toHaveProperty("name");
  });
});
