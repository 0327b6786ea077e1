import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { startSandboxProvider, type SandboxProvider } from "@/lib/sandbox-provider";
import { apiCreateCustomer } from "./support/api";
import { API_KEY, BASE_URL, E2E_PORT } from "./support/env";
import { unique } from "./support/sign-in";

// M5: a page on another site cannot make a signed-in admin's browser start CONNECT, neither by
// navigating it to the old GET URL nor by auto-submitting a form to the POST route. Nothing starts:
// the browser never reaches the provider, and the connection's log has no "authorize started".
// Pressing CONNECT on Latchkey's own page still goes to the provider.

const auth = { authorization: `Bearer ${API_KEY}` };
const ATTACKER_PORT = E2E_PORT + 294;
const attackerUrl = `http://127.0.0.1:${ATTACKER_PORT}`;
const client = {
  clientId: "e2e-cross-site",
  clientSecret: `e2e-cross-site-secret-${randomUUID()}`,
  authMethod: "client_secret_basic" as const,
};
let provider: SandboxProvider;
let attacker: Server;
let instanceId = "";

async function deploy(request: APIRequestContext): Promise<string> {
  const id = unique();
  const typeKey = `sandbox_x_${id.toLowerCase().replace(/[^a-z0-9]/g, "")}`;
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
        { key: "scopes", label: "Scopes", type: "string", default: "files.read offline_access" },
      ],
      oauth: { pkce: true, tokenAuthMethod: "client_secret_basic", authorizeParams: { prompt: "consent" } },
    },
  });
  expect(type.status(), await type.text()).toBe(201);
  const integration = await request.post("/api/v1/integrations", {
    headers: auth,
    data: {
      name: `E2E cross-site ${id}`,
      configVariables: [{ key: "files", label: "Files account", connectionType: typeKey }],
    },
  });
  expect(integration.status(), await integration.text()).toBe(201);
  const customerId = await apiCreateCustomer(request, `E2E cross-site ${id}`);
  const instance = await request.post("/api/v1/instances", {
    headers: auth,
    data: { integrationId: ((await integration.json()) as { id: string }).id, customerId },
  });
  const created = ((await instance.json()) as { id: string }).id;
  const put = await request.put(`/api/v1/instances/${created}/connections/files`, {
    headers: auth,
    data: { values: { client_id: client.clientId, client_secret: client.clientSecret } },
  });
  expect(put.status(), await put.text()).toBe(200);
  return created;
}

const startedEvents = async (request: APIRequestContext) => {
  const logs = await request.get(`/api/v1/instances/${instanceId}/connections/files/logs`, { headers: auth });
  expect(logs.status()).toBe(200);
  return ((await logs.json()) as { data: { event: string }[] }).data.filter((e) => e.event === "authorize started")
    .length;
};

test.beforeAll(async ({ request }) => {
  provider = await startSandboxProvider({ clients: [{ ...client, redirectUris: [`${BASE_URL}/api/oauth/callback`] }] });
  instanceId = await deploy(request);
  // The attacker's site: one page that navigates to CONNECT, one that auto-submits a form to it.
  attacker = createServer((req, res) => {
    const target = `${BASE_URL}/api/oauth/authorize`;
    const body =
      req.url === "/navigate"
        ? `<script>location.href = ${JSON.stringify(`${target}?instanceId=${instanceId}&connection=files`)};</script>`
        : `<form id="f" method="post" action="${target}"><input type="hidden" name="instanceId" value="${instanceId}"><input type="hidden" name="connection" value="files"></form><script>document.getElementById("f").submit();</script>`;
    res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><title>Win a prize</title>${body}`);
  });
  await new Promise<void>((resolve) => attacker.listen(ATTACKER_PORT, "127.0.0.1", resolve));
});

test.afterAll(async () => {
  await new Promise((resolve) => attacker?.close(resolve));
  await provider?.close();
});

for (const how of ["navigate", "post"] as const) {
  test(`a page on another origin that ${how === "navigate" ? "navigates" : "auto-submits a form"} to CONNECT starts nothing`, async ({
    page,
    request,
  }) => {
    const toProvider: string[] = [];
    page.on("request", (r) => {
      if (r.url().startsWith(provider.url)) toProvider.push(r.url());
    });
    const before = await startedEvents(request);
    const landed = page.waitForURL((url) => url.href.startsWith(BASE_URL), { timeout: 30_000 });
    await page.goto(`${attackerUrl}/${how}`);
    await landed;
    await page.waitForLoadState("load");
    if (how === "navigate") await expect(page).toHaveURL(`${BASE_URL}/instances/${instanceId}`);
    else await expect(page.getByRole("heading", { name: "Cannot connect" })).toBeVisible();
    expect(toProvider).toEqual([]);
    expect(await startedEvents(request)).toBe(before);
  });
}

test("CONNECT pressed on Latchkey's own page still goes to the provider", async ({ page, request }) => {
  const before = await startedEvents(request);
  await page.goto(`/instances/${instanceId}`);
  await page.getByRole("button", { name: "CONNECT", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider.url}/interaction/`));
  expect(await startedEvents(request)).toBe(before + 1);
});
