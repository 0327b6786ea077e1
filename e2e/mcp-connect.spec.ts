import { expect, test } from "@playwright/test";
import {
  startMcpAuthorizationServer,
  startProtectedMcpServer,
  type McpAuthorizationServer,
  type ProtectedMcpServer,
} from "../tests/support/mcp-world";
import { apiCreateCustomer } from "./support/api";
import { API_KEY } from "./support/env";
import { api, outcomeToast } from "./support/screens";
import { unique } from "./support/sign-in";

// Issue 18: an integrator adds an MCP server connection and presses CONNECT in the browser. The
// real authorization server (oidc-provider: dynamic registration, resource indicators) shows its
// sign-in and consent pages; back in Latchkey the connection holds tokens for the server, shows
// the server and the scopes granted, and the proxy reaches the server with them.

test.describe.configure({ timeout: 180_000 });

let as: McpAuthorizationServer;
let mcp: ProtectedMcpServer;

test.beforeAll(async () => {
  as = await startMcpAuthorizationServer();
  mcp = await startProtectedMcpServer(as);
});
test.afterAll(async () => {
  await mcp?.close();
  await as?.close();
});

test("CONNECT to an MCP server: discovery, registration and consent in the browser, then a call through the proxy", async ({
  page,
  request,
}) => {
  const id = unique();
  const integration = await api<{ id: string }>(request, "post", "/api/v1/integrations", {
    name: `Agent tools ${id}`,
    configVariables: [{ key: "tools", label: "Tools server", connectionType: "mcp" }],
  });
  const customerId = await apiCreateCustomer(request, `MCP customer ${id}`);
  const instance = await api<{ id: string }>(request, "post", "/api/v1/instances", {
    integrationId: integration.id,
    customerId,
  });

  await page.goto(`/instances/${instance.id}`);
  const card = page.locator('[data-connection="tools"]');
  await card.getByLabel("MCP server URL").fill(mcp.url);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(outcomeToast(page)).toContainText("Saved Tools server");
  await card.getByRole("button", { name: "CONNECT", exact: true }).click();

  // The MCP server's own authorization server, found from its metadata, with Latchkey registered.
  await expect(page).toHaveURL(new RegExp(`^${as.url}/interaction/`));
  await page.locator('input[name="login"]').fill("alice");
  await page.locator('input[name="password"]').fill("any password");
  await page.locator('button[type="submit"]').click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Authorization completed successfully" })).toBeVisible();
  expect(as.registrations).toBeGreaterThanOrEqual(1);

  await page.goto(`/instances/${instance.id}`);
  await expect(card.getByTestId("granted-scopes")).toHaveText("mcp:tools");
  await expect(card.getByTestId("mcp-server")).toHaveText(new URL(mcp.url).host);

  // An agent's call through the proxy: no token in hand, the server answers with its tools.
  const response = await request.post(`/api/v1/instances/${instance.id}/connections/tools/proxy`, {
    headers: {
      authorization: `Bearer ${API_KEY}`,
      accept: "application/json, text/event-stream",
    },
    data: { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "whoami", arguments: {} } },
  });
  expect(response.status(), await response.text()).toBe(200);
  expect(JSON.stringify(await response.json())).toContain("you are alice");
  await page.reload();
  await expect(card.locator("[data-status]").first()).toHaveAttribute("data-status", "green");
});
