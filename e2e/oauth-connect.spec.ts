import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startSandboxProvider, type SandboxProvider } from "@/lib/sandbox-provider";
import { apiCreateCustomer } from "./support/api";
import { API_KEY, BASE_URL } from "./support/env";
import { unique } from "./support/sign-in";

// CONNECT through the session route in Chromium: the signed-in admin presses CONNECT (a form POST),
// signs in and consents on the sandbox provider's own pages, and lands on Latchkey's callback page;
// the connection is then green, and DISCONNECT has the provider revoke the tokens (the integration
// suite checks with the provider's introspection that the exact tokens are then inactive).

const auth = { authorization: `Bearer ${API_KEY}` };
const client = {
  clientId: "e2e-sandbox",
  clientSecret: `e2e-sandbox-secret-${randomUUID()}`,
  authMethod: "client_secret_basic" as const,
};
let provider: SandboxProvider;

test.beforeAll(async () => {
  provider = await startSandboxProvider({ clients: [{ ...client, redirectUris: [`${BASE_URL}/api/oauth/callback`] }] });
});

test.afterAll(() => provider.close());

test("CONNECT signs in and consents at the provider, turns the connection green; DISCONNECT revokes", async ({
  page,
  request,
}) => {
  const id = unique();
  const typeKey = `sandbox_${id.toLowerCase().replace(/[^a-z0-9]/g, "")}`;
  const type = await request.post("/api/v1/connection-types", {
    headers: auth,
    data: {
      key: typeKey,
      label: `Sandbox ${id}`,
      kind: "oauth2",
      fields: [
        { key: "client_id", label: "Client ID", type: "string", required: true },
        { key: "client_secret", label: "Client secret", type: "password", required: true },
        { key: "auth_uri", label: "Authorization URL", type: "url", default: provider.endpoints.authorization },
        { key: "token_uri", label: "Token URL", type: "url", default: provider.endpoints.token },
        { key: "revoke_uri", label: "Revocation URL", type: "url", default: provider.endpoints.revocation },
        { key: "scopes", label: "Scopes", type: "string", default: "files.read offline_access" },
      ],
      oauth: { pkce: true, tokenAuthMethod: "client_secret_basic", authorizeParams: { prompt: "consent" } },
    },
  });
  expect(type.status(), await type.text()).toBe(201);
  const integration = await request.post("/api/v1/integrations", {
    headers: auth,
    data: {
      name: `E2E files ${id}`,
      configVariables: [{ key: "files", label: "Files account", connectionType: typeKey }],
    },
  });
  expect(integration.status(), await integration.text()).toBe(201);
  const customerId = await apiCreateCustomer(request, `E2E OAuth ${id}`);
  const instance = await request.post("/api/v1/instances", {
    headers: auth,
    data: { integrationId: ((await integration.json()) as { id: string }).id, customerId },
  });
  const instanceId = ((await instance.json()) as { id: string }).id;
  const put = await request.put(`/api/v1/instances/${instanceId}/connections/files`, {
    headers: auth,
    data: { values: { client_id: client.clientId, client_secret: client.clientSecret } },
  });
  expect(put.status(), await put.text()).toBe(200);

  await page.goto(`/instances/${instanceId}`);
  await page.getByRole("button", { name: "CONNECT", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider.url}/interaction/`));
  await page.locator('input[name="login"]').fill("alice");
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(new RegExp(`^${BASE_URL}/api/oauth/callback\\?`));
  await expect(page.getByRole("heading", { name: "Authorization completed successfully" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Back to/ })).toHaveAttribute("href", `/instances/${instanceId}`);

  const after = await request.get(`/api/v1/instances/${instanceId}`, { headers: auth });
  const connection = (
    (await after.json()) as { connections: { status: string; authorization: { grantedScopes: string[] } | null }[] }
  ).connections[0]!;
  expect(connection).toMatchObject({
    status: "green",
    authorization: { grantedScopes: ["files.read", "offline_access"] },
  });

  // The log names each step; no token crosses the API.
  const logs = await request.get(`/api/v1/instances/${instanceId}/connections/files/logs`, { headers: auth });
  const events = ((await logs.json()) as { data: { event: string }[] }).data.map((e) => e.event);
  expect(events.slice(0, 3)).toEqual(["token exchanged", "callback received", "authorize started"]);

  const disconnected = await request.delete(`/api/v1/instances/${instanceId}/connections/files/authorization`, {
    headers: auth,
  });
  expect(await disconnected.json()).toMatchObject({ disconnected: true, revocation: "revoked" });
  const red = (await (await request.get(`/api/v1/instances/${instanceId}`, { headers: auth })).json()) as {
    connections: { status: string }[];
  };
  expect(red.connections[0]!.status).toBe("red");
});
