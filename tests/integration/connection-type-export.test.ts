import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import * as exportRoute from "@/app/api/v1/connection-types/[key]/export/route";
import * as typesRoute from "@/app/api/v1/connection-types/route";
import { makeOrg, type Org } from "../support/oauth-fixtures";

// Export and import of a custom type through API v1: the exported JSON declares the same type again
// (under another key, or in another organization), so integrators can keep types in version control.

let db: Db;
let org: Org;
let other: Org;

const call = async (
  handler: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>,
  key: string,
  method: string,
  params: Record<string, string> = {},
  body?: unknown,
) => {
  const response = await handler(
    new Request("http://localhost/api/v1/connection-types", {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
    { params: Promise.resolve(params) },
  );
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  db = await getDb();
  org = await makeOrg(db);
  other = await makeOrg(db);
});

describe("connection type export and import", () => {
  it("exports a custom type as the JSON that declares it again, here or in another organization", async () => {
    const key = `exported_${randomUUID().replace(/-/g, "").slice(0, 8)}`;
    const definition = {
      key,
      label: "Exported",
      kind: "oauth2",
      fields: [
        { key: "shop", label: "Shop", pattern: "[a-z0-9-]+", patternMessage: "A shop is lower case" },
        { key: "client_id", label: "Client ID" },
        { key: "client_secret", label: "Client secret", type: "password" },
        { key: "auth_uri", label: "Authorization URL", type: "url", default: "https://{{shop}}.shop.example/auth" },
        { key: "token_uri", label: "Token URL", type: "url", default: "https://{{shop}}.shop.example/token" },
      ],
      oauth: {
        tokenRequestFormat: "json",
        refreshTokenPolicy: "none",
        issuer: "https://login.shop.example",
        postConnect: {
          url: "https://{{shop}}.shop.example/me",
          method: "POST",
          headers: [{ name: "X-Shop", value: "{{shop}}" }],
          keep: { account_id: "account.id" },
        },
      },
      proxy: {
        baseUrl: { api: "https://{{shop}}.shop.example/api", files: "https://files.shop.example/{{account_id}}" },
        auth: { type: "header", name: "X-Shop-Token", prefix: "Token " },
        refreshOn: [401, 403],
        retries: 1,
        concurrency: 4,
        rateLimit: { perMinute: 120 },
        timeouts: { answerMs: 5000, totalMs: 60000 },
      },
    };
    expect((await call(typesRoute.POST, org.apiKey, "POST", {}, definition)).status).toBe(201);
    const exported = await call(exportRoute.GET, org.apiKey, "GET", { key });
    expect(exported.status).toBe(200);
    expect(exported.json).toMatchObject({
      key,
      fields: expect.arrayContaining([expect.objectContaining({ key: "shop", pattern: "[a-z0-9-]+" })]),
      oauth: {
        tokenRequestFormat: "json",
        refreshTokenPolicy: "none",
        issuer: "https://login.shop.example",
        postConnect: {
          url: "https://{{shop}}.shop.example/me",
          method: "POST",
          headers: [{ name: "X-Shop", value: "{{shop}}" }],
          keep: { account_id: "account.id" },
        },
      },
      proxy: definition.proxy,
    });
    expect(exported.json).not.toHaveProperty("builtIn");

    // Imported into another organization as it is, and here again under a new key.
    const there = await call(typesRoute.POST, other.apiKey, "POST", {}, exported.json);
    expect(there.status, JSON.stringify(there.json)).toBe(201);
    const again = await call(typesRoute.POST, org.apiKey, "POST", {}, { ...exported.json, key: `${key}_copy` });
    expect(again.status).toBe(201);
    expect((await call(exportRoute.GET, org.apiKey, "GET", { key: `${key}_copy` })).json).toEqual({
      ...exported.json,
      key: `${key}_copy`,
    });
  });

  it("refuses built-in types (403) and another organization's types (404)", async () => {
    expect((await call(exportRoute.GET, org.apiKey, "GET", { key: "zendesk" })).status).toBe(403);
    const key = `private_${randomUUID().replace(/-/g, "").slice(0, 8)}`;
    await call(
      typesRoute.POST,
      org.apiKey,
      "POST",
      {},
      { key, label: "Private", kind: "fields", fields: [{ key: "a", label: "A" }] },
    );
    expect((await call(exportRoute.GET, other.apiKey, "GET", { key })).status).toBe(404);
  });
});
