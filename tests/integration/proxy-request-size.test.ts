import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { PROXY_HEADERS_LIMIT, PROXY_URL_LIMIT } from "@/lib/proxy/request-size";
import { makeOrg, type Org } from "../support/oauth-fixtures";
import { callProxy, declareType, deployWith, startUpstream, type Upstream } from "../support/proxy-world";

// Oversized calls through the route handler: a path or query past the proxy's URL limit is a 414,
// headers past its header limit a 431, each the contract's JSON error saying which limit, and
// nothing is sent on. Just under the limits the call goes through.

let db: Db;
let org: Org;
let upstream: Upstream;
let instanceId = "";

beforeAll(async () => {
  db = await getDb();
  upstream = await startUpstream();
  org = await makeOrg(db);
  await declareType(db, org, {
    key: "px_sized",
    label: "Sized API",
    kind: "fields",
    fields: [
      { key: "base_url", label: "Base URL", type: "url", required: true },
      { key: "api_key", label: "API key", type: "password", required: true },
    ],
    proxy: { baseUrl: "{{base_url}}/v1", auth: { type: "header", name: "X-Api-Key", valueField: "api_key" } },
  });
  instanceId = (await deployWith(db, org, "px_sized", { base_url: upstream.url, api_key: "sized-key-0123456789" }))
    .instanceId;
});

afterAll(() => upstream.close());

const errorOf = async (r: Response) => ((await r.json()) as { error: { code: string; message: string } }).error;

describe("oversized proxy calls", () => {
  it("a 20 KiB path or query is a 414 that names the limit; nothing is sent on", async () => {
    const before = upstream.received.length;
    for (const path of [`items/${"a".repeat(20 * 1024)}`, `items?q=${"b".repeat(20 * 1024)}`]) {
      const r = await callProxy({ instanceId, apiKey: org.apiKey, path });
      expect(r.status, path.slice(0, 12)).toBe(414);
      const error = await errorOf(r);
      expect(error.code).toBe("uri_too_long");
      expect(error.message).toMatch(/at most 8 KiB/);
    }
    expect(upstream.received.length).toBe(before);
  });

  it("40 KiB of headers is a 431 that names the limit; nothing is sent on", async () => {
    const before = upstream.received.length;
    const headers = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`x-big-${i}`, "c".repeat(4 * 1024)]));
    const r = await callProxy({ instanceId, apiKey: org.apiKey, path: "items" }, { headers });
    expect(r.status).toBe(431);
    const error = await errorOf(r);
    expect(error.code).toBe("request_header_fields_too_large");
    expect(error.message).toMatch(/at most 16 KiB/);
    expect(upstream.received.length).toBe(before);
  });

  // One at a time: the upstream here is a Node server too, whose own 16 KiB limit counts the
  // request line and the headers together.
  it("a call just under either limit goes through", async () => {
    const path = `items/${"d".repeat(PROXY_URL_LIMIT - 200)}`;
    const long = await callProxy({ instanceId, apiKey: org.apiKey, path });
    expect(long.status, await long.clone().text()).toBe(200);
    expect(upstream.received.at(-1)!.url).toBe(`/v1/${path}`);
    const headers = { "x-big": "e".repeat(PROXY_HEADERS_LIMIT - 2048) };
    const r = await callProxy({ instanceId, apiKey: org.apiKey, path: "items" }, { headers });
    expect(r.status, await r.clone().text()).toBe(200);
    expect(upstream.received.at(-1)!.headers["x-big"]).toBe(headers["x-big"]);
  });
});
