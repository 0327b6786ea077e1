import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { expect, test } from "@playwright/test";
import { apiCreateCustomer } from "../support/api";
import { API_KEY, BASE_URL } from "../support/env";
import { unique } from "../support/sign-in";

// Latchkey as an MCP server over real HTTP against the production server: an agent with the
// official SDK's Streamable HTTP client connects with an API key, lists the tools and calls one.

test("an MCP client connects to /api/mcp with an API key and reads the customers", async ({ request }) => {
  const name = `MCP customer ${unique()}`;
  const customerId = await apiCreateCustomer(request, name);
  const client = new Client({ name: "e2e-agent", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${BASE_URL}/api/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${API_KEY}` } },
    }),
  );
  try {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain("create_connect_link");
    const result = (await client.callTool({ name: "list_customers", arguments: { search: name } })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { customers: { id: string; name: string }[] }).customers).toEqual([
      expect.objectContaining({ id: customerId, name }),
    ]);
  } finally {
    await client.close();
  }

  const anonymous = await request.post("/api/mcp", { data: { jsonrpc: "2.0", id: 1, method: "tools/list" } });
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["www-authenticate"]).toBe("Bearer");
});
