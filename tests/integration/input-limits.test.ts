import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, type Db } from "@/db/client";
import { customers, organizations } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/service";
import * as customersRoute from "@/app/api/v1/customers/route";
import * as credentialsRoute from "@/app/api/v1/credentials/route";
import * as organizationRoute from "@/app/api/v1/organization/route";
import * as integrationsRoute from "@/app/api/v1/integrations/route";
import * as typesRoute from "@/app/api/v1/connection-types/route";
import * as typeRoute from "@/app/api/v1/connection-types/[key]/route";
import * as instancesRoute from "@/app/api/v1/instances/route";
import * as runtimeKeysRoute from "@/app/api/v1/instances/[id]/runtime-keys/route";
import * as cronRoute from "@/app/api/cron/refresh/route";
import * as signInRoute from "@/app/embedded/sign-in/route";
import * as oauthAuthorizeRoute from "@/app/api/oauth/authorize/route";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

// NUL bytes, control characters and oversized bodies: a 4xx naming the field, never a 500, and a
// body past its cap is refused before it is read whole (Low items of the security review).

type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Json = { error?: { code: string; message: string; fields?: Record<string, string> } } & Record<string, unknown>;

let db: Db;
let org: { id: string; customerId: string; key: string };

async function call(
  handler: Handler,
  init: {
    method?: string;
    body?: string | ReadableStream<Uint8Array>;
    params?: Record<string, string>;
    query?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const request = new Request(`http://localhost/api/v1/x${init.query ?? ""}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${org.key}`, "content-type": "application/json", ...init.headers },
    body: init.body,
    duplex: "half",
  } as RequestInit);
  const response = await handler(request, { params: Promise.resolve(init.params ?? {}) });
  const text = await response.text();
  return { status: response.status, text, json: (text.startsWith("{") ? JSON.parse(text) : {}) as Json };
}

/** A chunked body with no Content-Length; counts how much of it was pulled. */
function endless(chunkBytes: number, chunks: number) {
  let pulled = 0;
  const chunk = new TextEncoder().encode("x".repeat(chunkBytes));
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled++ < chunks) controller.enqueue(chunk);
      else controller.close();
    },
  });
  return { stream, pulled: () => pulled };
}

beforeAll(async () => {
  db = await getDb();
  const [o] = await db
    .insert(organizations)
    .values({ name: "Limits org", slug: `limits-${randomUUID()}` })
    .returning();
  const [c] = await db.insert(customers).values({ organizationId: o!.id, name: "Customer" }).returning();
  const { token } = await createApiKey(db, o!.id, null, { name: "admin", role: "admin" });
  org = { id: o!.id, customerId: c!.id, key: token };
});

describe("NUL bytes and control characters", () => {
  it.each([
    ["a customer's name", customersRoute.POST, { name: "Ini\u0000tech" }, "name"],
    ["a customer's name (bell)", customersRoute.POST, { name: "Ini\u0007tech" }, "name"],
    ["an integration's name", integrationsRoute.POST, { name: "Sync\u0000" }, "name"],
    [
      "a connection type's label",
      typesRoute.POST,
      { key: "nul_type", label: "A\u0000", kind: "fields", fields: [{ key: "k", label: "K" }] },
      "label",
    ],
    ["a key of the body", customersRoute.POST, { name: "Fine", "ext\u0000": 1 }, "ext\\u0000"],
  ] as const)("refuses NUL or control characters in %s with 400 at the field", async (_what, handler, body, field) => {
    const r = await call(handler as Handler, { method: "POST", body: JSON.stringify(body) });
    expect(r.status, r.text).toBe(400);
    expect(r.json.error?.fields?.[field]).toMatch(/NUL|control/);
  });

  it("refuses NUL in the organization's name", async () => {
    const r = await call(organizationRoute.PATCH as Handler, {
      method: "PATCH",
      body: JSON.stringify({ name: "Org\u0000" }),
    });
    expect(r.status, r.text).toBe(400);
    expect(r.json.error?.fields?.name).toMatch(/NUL|control/);
  });

  it("refuses NUL in a runtime key's name", async () => {
    await call(typesRoute.POST as Handler, {
      method: "POST",
      body: JSON.stringify({ key: "rk_type", label: "RK", kind: "fields", fields: [{ key: "k", label: "K" }] }),
    });
    const integration = await call(integrationsRoute.POST as Handler, {
      method: "POST",
      body: JSON.stringify({
        name: `RK ${randomUUID()}`,
        configVariables: [{ key: "c", label: "C", connectionType: "rk_type" }],
      }),
    });
    const instance = await call(instancesRoute.POST as Handler, {
      method: "POST",
      body: JSON.stringify({ integrationId: integration.json.id, customerId: org.customerId }),
    });
    expect(instance.status, instance.text).toBe(201);
    const r = await call(runtimeKeysRoute.POST as Handler, {
      method: "POST",
      params: { id: String(instance.json.id) },
      body: JSON.stringify({ name: "worker\u0000" }),
    });
    expect(r.status, r.text).toBe(400);
    expect(r.json.error?.fields?.name).toMatch(/NUL|control/);
  });

  it("refuses NUL in a query (?label=%00, ?search=%00) and a bad path segment with 400", async () => {
    const label = await call(credentialsRoute.GET as Handler, { query: "?label=%00" });
    expect(label.status, label.text).toBe(400);
    expect(label.json.error?.fields?.label).toMatch(/NUL/);
    const search = await call(customersRoute.GET as Handler, { query: "?search=a%00b" });
    expect(search.status, search.text).toBe(400);
    for (const key of ["%ff", "\u0000", "a\u0000b"]) {
      const r = await call(typeRoute.GET as Handler, { params: { key } });
      expect(r.status, `${JSON.stringify(key)}: ${r.text}`).toBe(400);
      expect(r.json.error?.fields?.key).toBeTruthy();
    }
  });
});

describe("bodies are read under a cap", () => {
  it("answers 413 in the API's shape to a declared body past 1 MiB, before reading it", async () => {
    const big = JSON.stringify({ name: "x".repeat(1024 * 1024 + 10) });
    const r = await call(customersRoute.POST as Handler, {
      method: "POST",
      body: big,
      headers: { "content-length": String(Buffer.byteLength(big)) },
    });
    expect(r.status).toBe(413);
    expect(r.json.error).toMatchObject({ code: "payload_too_large", message: expect.stringContaining("1 MiB") });
  });

  it("stops reading a chunked body as soon as it passes 1 MiB", async () => {
    const body = endless(64 * 1024, 60 * 16); // 60 MiB if read to the end
    const r = await call(customersRoute.POST as Handler, { method: "POST", body: body.stream });
    expect(r.status).toBe(413);
    expect(body.pulled()).toBeLessThan(40);
  });

  it("the embedded sign-in reads at most 32 KiB of form and still reads a small one", async () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => undefined);
    const body = endless(16 * 1024, 3840);
    const big = await signInRoute.POST(
      new Request("http://localhost/embedded/sign-in", {
        method: "POST",
        body: body.stream,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        duplex: "half",
      } as RequestInit),
    );
    expect(big.status).toBe(413);
    expect(body.pulled()).toBeLessThan(10);
    const small = await signInRoute.POST(
      new Request("http://localhost/embedded/sign-in", {
        method: "POST",
        body: "token=not-a-jwt",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
    );
    // The form was read: its token was judged (malformed), not missing.
    expect(small.status).toBe(400);
    expect(await small.text()).toContain("not a compact JWS");
    warn.mockRestore();
  });

  it("a CONNECT form from Latchkey's own page is read under 16 KiB", async () => {
    const body = endless(16 * 1024, 3840);
    const headers = {
      origin: new URL(env.baseUrl).origin,
      "sec-fetch-site": "same-origin",
      "content-type": "application/x-www-form-urlencoded",
    };
    const big = await oauthAuthorizeRoute.POST(
      new Request(`${env.baseUrl}/api/oauth/authorize`, {
        method: "POST",
        body: body.stream,
        headers,
        duplex: "half",
      } as RequestInit),
    );
    expect(big.status).toBe(413);
    expect(body.pulled()).toBeLessThan(5);
  });

  it("the cron route refuses a large declared body unread", async () => {
    const r = await cronRoute.POST(
      new Request("http://localhost/api/cron/refresh", {
        method: "POST",
        body: "x".repeat(70 * 1024),
        headers: { "content-length": String(70 * 1024) },
      }),
    );
    expect(r.status).toBe(413);
  });
});
