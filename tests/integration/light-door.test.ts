import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { hashApiKeyToken } from "@/lib/api-keys/token";
import { NotFoundError } from "@/lib/errors";
import { findCallerWithConnectionCiphertext } from "@/lib/runtime/lookup";
import { makeOrg, type Org } from "../support/oauth-fixtures";
import { LEFT_TO_NEXT, startLightDoor } from "../support/light-door";
import { declareType, deployWith, startUpstream, type Upstream } from "../support/proxy-world";

// The light door of server.mjs (hot-routes.ts): the runtime values and the proxy answered
// by their route handlers without Next's router. What Next adds to those routes is added here, the
// bodies stream both ways, anything else is left to Next, and the fused key-and-connection read
// hands its row only to a read of the same organization, instance and key. Who may call is the
// access table's (tests/integration/access-table.test.ts, which calls through this door too).

let db: Db;
let org: Org;
let other: Org;
let upstream: Upstream;
let door: Awaited<ReturnType<typeof startLightDoor>>;
let instanceId: string;
let secondInstanceId: string;

const API_HEADERS = {
  "content-security-policy": "frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
};

beforeAll(async () => {
  db = await getDb();
  org = await makeOrg(db);
  other = await makeOrg(db);
  upstream = await startUpstream();
  door = await startLightDoor();
  await declareType(db, org, {
    key: "door_api",
    label: "Door API",
    kind: "fields",
    fields: [
      { key: "base_url", label: "Base URL", type: "url", required: true },
      { key: "api_key", label: "API key", type: "password", required: true },
    ],
    proxy: { baseUrl: "{{base_url}}", auth: { type: "header", name: "x-api-key", valueField: "api_key" } },
  });
  const values = { base_url: upstream.url, api_key: "door-secret-1" };
  instanceId = (await deployWith(db, org, "door_api", values)).instanceId;
  secondInstanceId = (await deployWith(db, org, "door_api", { ...values, api_key: "door-secret-2" })).instanceId;
});

afterAll(async () => {
  await door?.close();
  await upstream?.close();
});

const auth = () => ({ authorization: `Bearer ${org.apiKey}` });
const connection = (id = instanceId) => `${door.url}/api/v1/instances/${id}/connections/api`;

describe("the light door", () => {
  it("answers the runtime values with the API's headers and the caller's request id", async () => {
    const response = await fetch(`${connection()}/values`, { headers: { ...auth(), "x-request-id": "door-call-1" } });
    expect(response.status).toBe(200);
    expect((await response.json()) as unknown).toMatchObject({ values: { api_key: "door-secret-1" } });
    for (const [name, value] of Object.entries(API_HEADERS)) expect(response.headers.get(name), name).toBe(value);
    expect(response.headers.get("x-request-id")).toBe("door-call-1");
  });

  it("answers a malformed instance id or connection key with a 400 at its field, after the key's check", async () => {
    for (const path of ["not-a-uuid/connections/api/values", `${instanceId}/connections/Bad-Key/proxy/items`]) {
      const response = await fetch(`${door.url}/api/v1/instances/${path}`, { headers: auth() });
      expect(response.status, path).toBe(400);
      const body = (await response.json()) as { error: { fields: Record<string, string> } };
      expect(Object.keys(body.error.fields), path).toEqual([path.startsWith("not") ? "id" : "key"]);
      const unauthenticated = await fetch(`${door.url}/api/v1/instances/${path}`);
      expect(unauthenticated.status, path).toBe(401);
    }
  });

  it("answers HEAD without a body", async () => {
    const response = await fetch(`${connection()}/values`, { method: "HEAD", headers: auth() });
    expect(response.status).toBe(200);
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });

  it("streams a proxied request body to the upstream and its answer back, with the upstream's headers", async () => {
    const body = new Uint8Array(3 * 1024 * 1024).fill(7);
    upstream.answer = (_req, res, received) => {
      res.writeHead(201, { "content-type": "application/json", "x-upstream": "yes", "set-cookie": "s=1" });
      res.end(JSON.stringify({ bytes: received.bodyBytes, key: received.headers["x-api-key"] }));
    };
    const response = await fetch(`${connection()}/proxy/items?x=1`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/octet-stream" },
      body,
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ bytes: body.byteLength, key: "door-secret-1" });
    expect(response.headers.get("x-upstream")).toBe("yes");
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("latchkey-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(upstream.received.at(-1)?.url).toBe("/items?x=1");
  });

  it("answers a refused call without reading its body, and the connection serves the next call", async () => {
    const before = upstream.received.length;
    const refused = await fetch(`${connection()}/proxy/items`, {
      method: "POST",
      headers: { authorization: "Bearer lk_not-a-key-at-all-0000", "content-type": "application/octet-stream" },
      body: new Uint8Array(8 * 1024 * 1024).fill(1),
    });
    expect(refused.status).toBe(401);
    await refused.arrayBuffer();
    const next = await fetch(`${connection()}/values`, { headers: auth() });
    expect(next.status).toBe(200);
    await next.arrayBuffer();
    expect(upstream.received.length).toBe(before);
  });

  it("stops reading the upstream when the caller goes away", async () => {
    let closed!: () => void;
    const upstreamClosed = new Promise<void>((resolve) => (closed = resolve));
    upstream.answer = (_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      const chunk = Buffer.alloc(64 * 1024, 1);
      const more = () => {
        while (res.write(chunk));
        res.once("drain", more);
      };
      res.on("close", () => closed());
      more();
    };
    const controller = new AbortController();
    const response = await fetch(`${connection()}/proxy/big`, { headers: auth(), signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await expect(upstreamClosed).resolves.toBeUndefined();
  });

  it("leaves to Next what it does not serve: other routes and methods, and paths that do not decode", async () => {
    const paths: [string, string][] = [
      ["GET", `/api/v1/instances/${instanceId}/connections/api`],
      ["GET", `/api/v1/instances/${instanceId}/connections/api/values/`],
      ["POST", `/api/v1/instances/${instanceId}/connections/api/values`],
      ["OPTIONS", `/api/v1/instances/${instanceId}/connections/api/proxy/items`],
      ["GET", `/api/v1/instances/${instanceId}/connections/api/proxy/%ff`],
      ["GET", "/api/health"],
      ["GET", "/"],
    ];
    for (const [method, path] of paths) {
      const response = await fetch(`${door.url}${path}`, { method, headers: auth() });
      expect(response.status, `${method} ${path}`).toBe(LEFT_TO_NEXT);
    }
  });
});

describe("the fused key-and-connection read", () => {
  const caller = (token: string, id: string) =>
    findCallerWithConnectionCiphertext(db, hashApiKeyToken(token), id, "api");

  it("hands its row to a read of the same names only, and reads again for any other", async () => {
    const found = await caller(org.apiKey, instanceId);
    expect(found?.caller.organizationId).toBe(org.organizationId);
    const same = await found!.load(org.organizationId, instanceId, "api");
    expect(same.instanceId).toBe(instanceId);
    const second = await found!.load(org.organizationId, secondInstanceId, "api");
    expect(second.instanceId).toBe(secondInstanceId);
    await expect(found!.load(other.organizationId, instanceId, "api")).rejects.toThrow(NotFoundError);
    await expect(found!.load(org.organizationId, instanceId, "nope")).rejects.toThrow(/No connection "nope"/);
  });

  it("finds another organization's instance for no one: the key's own organization scopes the read", async () => {
    const found = await caller(other.apiKey, instanceId);
    expect(found?.caller.organizationId).toBe(other.organizationId);
    await expect(found!.load(other.organizationId, instanceId, "api")).rejects.toThrow("No such instance");
  });

  it("finds no caller for an unknown token", async () => {
    expect(await caller("lk_not-a-key-at-all-0000", instanceId)).toBeUndefined();
  });
});
