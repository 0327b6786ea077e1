import { randomUUID } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import * as mcpRoute from "@/app/api/mcp/route";
import * as oauthAuthorize from "@/app/api/oauth/authorize/route";
import { createApiKey } from "@/lib/api-keys/service";
import { env } from "@/lib/env";
import { handleCallback } from "@/lib/oauth/callback";
import { addRuntimeKey } from "@/lib/runtime/keys";
import type { SandboxProvider } from "@/lib/sandbox-provider";
import {
  clients,
  deployConnection,
  makeOrg,
  sandboxType,
  startTestProvider,
  type Deployed,
  type Org,
} from "../support/oauth-fixtures";
import { authorizeAtProvider } from "../support/provider-session";
import { declareType, deployWith, startUpstream, type Upstream } from "../support/proxy-world";

// Issue 18, part 2: Latchkey as an MCP server. The official SDK's client talks to the real route
// handler (its fetch hands each request to POST /api/mcp), with organization and runtime keys; the
// CONNECT link a tool hands out is followed through the real sandbox provider to a green connection.

let db: Db;
let provider: SandboxProvider;
let org: Org;
let other: Org;
let files: Deployed;
let second: Deployed;

const MCP_URL = new URL(`${env.baseUrl}/api/mcp`);

/** An SDK client whose requests reach the route handler in this process. */
async function clientFor(key: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(MCP_URL, {
    requestInit: { headers: { authorization: `Bearer ${key}` } },
    fetch: (url, init) => mcpRoute.POST(new Request(url, init)),
  });
  const client = new Client({ name: "latchkey-tests", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

// A tool's structured answer, read loosely: each test names the fields it checks.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of several shapes
type Answer = Record<string, any>;

async function call(client: Client, name: string, args: Record<string, unknown> = {}) {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = result.content.map((c) => (c.type === "text" ? c.text : "")).join("");
  return { isError: result.isError === true, text, data: result.structuredContent as Answer };
}

beforeAll(async () => {
  db = await getDb();
  provider = await startTestProvider();
  org = await makeOrg(db);
  other = await makeOrg(db);
  await sandboxType(db, org, provider, { key: "sandbox" });
  await sandboxType(db, other, provider, { key: "sandbox" });
  files = await deployConnection(db, org, "sandbox", clients.basic);
  second = await deployConnection(db, org, "sandbox", clients.basic);
});

afterAll(() => provider.close());

describe("POST /api/mcp", () => {
  it("lists its tools, each with an input schema", async () => {
    const client = await clientFor(org.apiKey);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      "call_proxy",
      "create_connect_link",
      "get_connection",
      "list_customers",
      "list_instances",
    ]);
    for (const t of tools) expect(t.inputSchema.type).toBe("object");
    await client.close();
  });

  it("reads customers and instances, creates a CONNECT link that works once, and shows the connection turn green; never a secret", async () => {
    const client = await clientFor(org.apiKey);
    const customers = await call(client, "list_customers", { search: "Initech" });
    expect(customers.isError).toBe(false);
    expect(customers.data.customers.map((c: { id: string }) => c.id)).toContain(org.customerId);

    const instances = await call(client, "list_instances", { customerId: org.customerId });
    const listed = instances.data.instances.find((i: { id: string }) => i.id === files.instanceId);
    expect(listed.connections).toEqual([
      expect.objectContaining({ key: "files", connectionType: "sandbox", configured: true, authorization: null }),
    ]);
    expect(listed.connections[0].status).toBe("red");
    expect(listed.connections[0].reason).toMatch(/authoriz/i);

    const link = await call(client, "create_connect_link", { instanceId: files.instanceId, key: "files" });
    expect(link.isError).toBe(false);
    expect(link.data.url.startsWith(`${env.baseUrl}/api/oauth/authorize?start=`)).toBe(true);
    const opened = await oauthAuthorize.GET(new Request(link.data.url));
    expect(opened.status).toBe(303);
    const back = await authorizeAtProvider(opened.headers.get("location")!, provider.url);
    expect((await handleCallback(db, back.searchParams)).ok).toBe(true);
    expect((await oauthAuthorize.GET(new Request(link.data.url))).status).not.toBe(303);

    const connection = await call(client, "get_connection", { instanceId: files.instanceId, key: "files" });
    expect(connection.data.connection).toMatchObject({ status: "green", configured: true });
    expect(connection.data.connection.authorization.grantedScopes.length).toBeGreaterThan(0);
    expect(connection.data.log.length).toBeGreaterThan(0);
    const everything = JSON.stringify([customers, instances, connection]);
    expect(everything).not.toContain(clients.basic.clientSecret);
    expect(everything).not.toMatch(/access_?token|refresh_?token/i);
    await client.close();
  });

  it("answers bad input as a tool error that says what to fix", async () => {
    const client = await clientFor(org.apiKey);
    const notAnId = await call(client, "get_connection", { instanceId: "nope", key: "files" });
    expect(notAnId.isError).toBe(true);
    expect(notAnId.text).toContain("instanceId must be an id (a UUID)");
    const noKey = await call(client, "get_connection", { instanceId: files.instanceId, key: "crm" });
    expect(noKey).toMatchObject({ isError: true, text: 'No connection "crm" in this instance; it has files' });
    const missing = await call(client, "get_connection", { instanceId: randomUUID(), key: "files" });
    expect(missing).toMatchObject({ isError: true, text: "No such instance" });
    await client.close();
  });

  it("a viewer key reads but creates no CONNECT link; another organization's key reaches nothing of this one", async () => {
    const viewer = await clientFor(
      (await createApiKey(db, org.organizationId, null, { name: "v", role: "viewer" })).token,
    );
    expect((await call(viewer, "list_instances")).data.instances.length).toBeGreaterThanOrEqual(2);
    const refused = await call(viewer, "create_connect_link", { instanceId: files.instanceId, key: "files" });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain("role (viewer) may not create CONNECT links");
    await viewer.close();

    const stranger = await clientFor(other.apiKey);
    const ids = (await call(stranger, "list_instances")).data.instances.map((i: { id: string }) => i.id);
    expect(ids).not.toContain(files.instanceId);
    expect(await call(stranger, "get_connection", { instanceId: files.instanceId, key: "files" })).toMatchObject({
      isError: true,
      text: "No such instance",
    });
    expect(await call(stranger, "create_connect_link", { instanceId: files.instanceId, key: "files" })).toMatchObject({
      isError: true,
    });
    const names = (await call(stranger, "list_customers")).data.customers.map((c: { id: string }) => c.id);
    expect(names).not.toContain(org.customerId);
    await stranger.close();
  });

  it("a runtime key reaches its own instance and its customer only", async () => {
    const runtime = await addRuntimeKey(db, org.scope, files.instanceId, null, { name: "agent" });
    const client = await clientFor(runtime.key);
    expect((await call(client, "list_instances")).data.instances.map((i: { id: string }) => i.id)).toEqual([
      files.instanceId,
    ]);
    expect((await call(client, "list_customers")).data.customers.map((c: { id: string }) => c.id)).toEqual([
      org.customerId,
    ]);
    expect((await call(client, "get_connection", { instanceId: files.instanceId, key: "files" })).isError).toBe(false);
    for (const tool of ["get_connection", "create_connect_link"]) {
      const refused = await call(client, tool, { instanceId: second.instanceId, key: "files" });
      expect(refused, tool).toMatchObject({
        isError: true,
        text: "This is a runtime key: it may only reach its own instance",
      });
    }
    await client.close();
  });

  it("refuses a request without a valid key (401), other methods (405) and an oversized body (413)", async () => {
    const post = (headers: Record<string, string>, body = "{}") =>
      mcpRoute.POST(
        new Request(MCP_URL, { method: "POST", headers: { "content-type": "application/json", ...headers }, body }),
      );
    const none = await post({});
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe("Bearer");
    expect((await post({ authorization: "Bearer lk_not_a_key" })).status).toBe(401);
    expect(mcpRoute.GET().status).toBe(405);
    expect(mcpRoute.DELETE().status).toBe(405);
    const big = await post(
      { authorization: `Bearer ${org.apiKey}`, accept: "application/json, text/event-stream" },
      JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: { pad: "x".repeat(2 * 1024 * 1024) } }),
    );
    expect(big.status).toBe(413);
  });
});

describe("the call_proxy tool", () => {
  let upstream: Upstream;
  let proxied: { instanceId: string };
  const secret = `mcp-proxy-secret-${randomUUID()}`;

  beforeAll(async () => {
    upstream = await startUpstream();
    await declareType(db, org, {
      key: "mcp_px",
      label: "MCP proxied API",
      kind: "fields",
      fields: [
        { key: "base_url", label: "Base URL", type: "url", required: true },
        { key: "api_key", label: "API key", type: "password", required: true },
      ],
      proxy: { baseUrl: "{{base_url}}/api/v2", auth: { type: "header", name: "X-Api-Key", valueField: "api_key" } },
    });
    proxied = await deployWith(db, org, "mcp_px", { base_url: upstream.url, api_key: secret });
  });
  afterAll(() => upstream.close());

  it("sends the call with the credential applied and answers status, headers and body; the agent never sees the secret", async () => {
    upstream.answer = (_req, res, received) => {
      res.writeHead(201, { "content-type": "application/json", "x-upstream": "yes" });
      res.end(JSON.stringify({ method: received.method, url: received.url, bytes: received.bodyBytes }));
    };
    const client = await clientFor(org.apiKey);
    const answer = await call(client, "call_proxy", {
      instanceId: proxied.instanceId,
      key: "api",
      method: "POST",
      path: "/items",
      query: { page: "2" },
      headers: { "content-type": "application/json", authorization: "Bearer agent-token" },
      body: JSON.stringify({ name: "report" }),
    });
    expect(answer.isError).toBe(false);
    expect(answer.data).toMatchObject({ status: 201, truncated: false, headers: { "x-upstream": "yes" } });
    expect(JSON.parse(answer.data.body)).toEqual({ method: "POST", url: "/api/v2/items?page=2", bytes: 17 });
    const received = upstream.received.at(-1)!;
    expect(received.headers["x-api-key"]).toBe(secret);
    expect(received.headers.authorization).toBeUndefined();
    expect(answer.text).not.toContain(secret);
    await client.close();
  });

  it("caps the answer, gives binary bodies as base64, and refuses a path that climbs out of the base URL", async () => {
    const client = await clientFor(org.apiKey);
    upstream.answer = (_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("x".repeat(300 * 1024));
    };
    const long = await call(client, "call_proxy", { instanceId: proxied.instanceId, key: "api", path: "/big" });
    expect(long.data).toMatchObject({ status: 200, truncated: true });
    expect(long.data.body.length).toBe(256 * 1024);
    upstream.answer = (_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.end(Buffer.from([0, 1, 2, 255]));
    };
    const binary = await call(client, "call_proxy", { instanceId: proxied.instanceId, key: "api", path: "/blob" });
    expect(binary.data.bodyBase64).toBe(Buffer.from([0, 1, 2, 255]).toString("base64"));
    const before = upstream.received.length;
    const climbing = await call(client, "call_proxy", {
      instanceId: proxied.instanceId,
      key: "api",
      path: "/../../admin",
    });
    expect(climbing.isError).toBe(true);
    expect(climbing.text).toMatch(/\.\./);
    const query = await call(client, "call_proxy", { instanceId: proxied.instanceId, key: "api", path: "/a?b=c" });
    expect(query).toMatchObject({ isError: true });
    expect(query.text).toContain("Give the query in `query`");
    expect(upstream.received.length).toBe(before);
    await client.close();
  });

  it("is the proxy's to allow: a viewer key and another instance's runtime key are refused, nothing sent", async () => {
    const before = upstream.received.length;
    const viewer = await clientFor(
      (await createApiKey(db, org.organizationId, null, { name: "v2", role: "viewer" })).token,
    );
    const refused = await call(viewer, "call_proxy", { instanceId: proxied.instanceId, key: "api", path: "/x" });
    expect(refused).toMatchObject({ isError: true });
    expect(refused.text).toContain("may not use connections at run time");
    await viewer.close();
    const runtime = await addRuntimeKey(db, org.scope, files.instanceId, null, { name: "elsewhere" });
    const elsewhere = await clientFor(runtime.key);
    expect(
      await call(elsewhere, "call_proxy", { instanceId: proxied.instanceId, key: "api", path: "/x" }),
    ).toMatchObject({
      isError: true,
      text: "No such instance",
    });
    await elsewhere.close();
    const stranger = await clientFor(other.apiKey);
    expect(
      (await call(stranger, "call_proxy", { instanceId: proxied.instanceId, key: "api", path: "/x" })).isError,
    ).toBe(true);
    await stranger.close();
    expect(upstream.received.length).toBe(before);
  });
});
