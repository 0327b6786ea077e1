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
