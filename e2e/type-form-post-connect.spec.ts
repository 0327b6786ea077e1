import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { startSandboxProvider, type SandboxProvider } from "../lib/sandbox-provider";
import { apiCreateCustomer } from "./support/api";
import { BASE_URL } from "./support/env";
import { api, seriousViolations } from "./support/screens";
import { unique } from "./support/sign-in";
import { addUser, signedInAs } from "./support/team";

// The issuer and the after-CONNECT request through the type form (issue 17): an integrator declares
// an OAuth type whose after-CONNECT request asks the local provider who the user is (its userinfo
// endpoint, standing in for Atlassian's accessible resources), with a header of its own, and keeps the answer's `sub` as
// `account`; a customer presses CONNECT; the kept metadata reaches integration code (the runtime
// values) and fills the proxy's base URL, so that a proxied call lands on the account's path of a
// real upstream on 127.0.0.1.

test.describe.configure({ timeout: 240_000 });

const id = unique()
  .toLowerCase()
  .replace(/[^a-z0-9]/g, "");
const client = { clientId: `e2e-pc-${id}`, clientSecret: `e2e-pc-secret-${id}-value` };
let provider: SandboxProvider;
let upstream: Server;
let upstreamUrl = "";
const upstreamSaw: { path: string; authorization: string | undefined }[] = [];

test.beforeAll(async () => {
  provider = await startSandboxProvider({
    clients: [{ ...client, authMethod: "client_secret_basic", redirectUris: [`${BASE_URL}/api/oauth/callback`] }],
  });
  upstream = createServer((req, res) => {
    upstreamSaw.push({ path: req.url ?? "", authorization: req.headers.authorization });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ path: req.url }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await provider?.close();
  await new Promise<void>((resolve) => (upstream ? upstream.close(() => resolve()) : resolve()));
});

test("an after-CONNECT request declared in the form keeps its answer as metadata that fills the proxy's base URL", async ({
  page,
  browser,
}) => {
  const key = `e2e_after_${id}`;
  const label = `E2E After ${id}`;
  const login = `account-${id}`;
  const quirks = page.locator("details").filter({ hasText: "Advanced: provider quirks" });

  await test.step("declared in the form: a missing kept field is refused at its field, then it saves", async () => {
    await page.goto("/components/new");
    await page.getByLabel("Name", { exact: true }).fill(label);
    await page.getByLabel("Key", { exact: true }).fill(key);
    await page.getByLabel("Authorization", { exact: true }).selectOption("oauth2");
    await expect(page.getByLabel("Field 6 key")).toHaveValue("revoke_uri");
    await page.getByLabel("Field 3 default").fill(provider.endpoints.authorization);
    await page.getByLabel("Field 4 default").fill(provider.endpoints.token);
    await page.getByLabel("Field 5 default").fill("openid");
    await quirks.getByText("Advanced: provider quirks").click();
    await page.getByLabel("Issuer (optional)").fill(provider.issuer);
    await page.getByLabel("After-CONNECT URL").fill(`${provider.url}/me`);
    await page.getByLabel("After-CONNECT headers (optional)").fill("X-Api-Version: 2\nX-Leak: {{client_secret}}");
    await quirks.getByText("Advanced: provider quirks").click();

    await page.getByRole("button", { name: "Save connection type" }).click();
    const keep = page.getByLabel("Answer fields to keep");
    await expect(keep).toBeVisible();
    await expect(keep).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Keep 1 to 20 answer fields")).toBeVisible();
    await expect(keep).toHaveAccessibleDescription("Keep 1 to 20 answer fields");
    const headers = page.getByLabel("After-CONNECT headers (optional)");
    await expect(headers).toHaveAttribute("aria-invalid", "true");
    await expect(headers).toHaveAccessibleDescription(
      /^The after-CONNECT header X-Leak names \{\{client_secret\}\}, a secret field/,
    );
    await expect(page).toHaveURL(/\/components\/new$/);
    // The open disclosure, its refused field included, passes axe's serious and critical rules.
    expect(await seriousViolations(page)).toEqual([]);

    await keep.fill("account=sub");
    await headers.fill("X-Api-Version: 2");
    await page.getByRole("button", { name: "Save connection type" }).click();
    await expect(page).toHaveURL(new RegExp(`/components/${key}$`));
    const oauth = page.locator("section").filter({ has: page.getByRole("heading", { name: "OAuth settings" }) });
    const row = (term: string) => oauth.locator("div").filter({ has: page.getByText(term, { exact: true }) });
    await expect(row("Issuer").locator("dd")).toHaveText(provider.issuer);
    await expect(row("After CONNECT").locator("dd")).toHaveText(`GET ${provider.url}/me, keeping account=sub`);
  });

  await test.step("the edit dialog shows them again, and a save keeps them", async () => {
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    const edit = page.getByRole("dialog");
    await edit.getByText("Advanced: provider quirks").click();
    await expect(edit.getByLabel("Issuer (optional)")).toHaveValue(provider.issuer);
    await expect(edit.getByLabel("After-CONNECT method")).toHaveValue("GET");
    await expect(edit.getByLabel("After-CONNECT URL")).toHaveValue(`${provider.url}/me`);
    await expect(edit.getByLabel("Answer fields to keep")).toHaveValue("account=sub");
    await expect(edit.getByLabel("After-CONNECT headers (optional)")).toHaveValue("X-Api-Version: 2");
    await edit.getByLabel("Description (optional)").fill("Keeps the account from the provider's userinfo");
    await edit.getByRole("button", { name: "Save", exact: true }).click();
    await expect(edit).toBeHidden();
    const exported = await api<{ oauth: Record<string, unknown> }>(
      page.request,
      "get",
      `/api/v1/connection-types/${key}/export`,
    );
    expect(exported.oauth).toMatchObject({
      issuer: provider.issuer,
      postConnect: {
        url: `${provider.url}/me`,
        method: "GET",
        headers: [{ name: "X-Api-Version", value: "2" }],
        keep: { account: "sub" },
      },
    });
  });

  // The proxy is declared through the API (the form leaves it out): its base URL names the kept metadata.
  await api(page.request, "patch", `/api/v1/connection-types/${key}`, {
    proxy: { baseUrl: `${upstreamUrl}/accounts/{{account}}`, auth: { type: "bearer" } },
  });
  const hidden = { visibility: "hidden" };
  const integrationName = `E2E After ${id}`;
  const customerName = `E2E After Customer ${id}`;
  const integration = await api<{ id: string }>(page.request, "post", "/api/v1/integrations", {
    name: integrationName,
    configVariables: [
      {
        key: "accounts",
        label: "Accounts",
        connectionType: key,
        fields: {
          client_id: { ...hidden, default: client.clientId },
          client_secret: { ...hidden, default: client.clientSecret },
        },
      },
    ],
  });
  const customerId = await apiCreateCustomer(page.request, customerName);
  const instance = await api<{ id: string }>(page.request, "post", "/api/v1/instances", {
    integrationId: integration.id,
    customerId,
  });
  const email = `after-${id}@example.com`;
  await addUser(page, { name: "E2E After User", email, role: "customer", customer: customerName });
  const user = await signedInAs(browser, email);

  await test.step("the customer presses CONNECT at the local provider", async () => {
    await user.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrations" }).click();
    await user.getByRole("list", { name: "Instances" }).getByRole("link", { name: integrationName }).click();
    const card = user.locator('[data-connection="accounts"]');
    await card.getByRole("button", { name: "CONNECT", exact: true }).click();
    await expect(user).toHaveURL(new RegExp(`^${provider.url}/interaction/`));
    await user.locator('input[name="login"]').fill(login);
    await user.locator('input[name="password"]').fill("any password");
    await user.locator('button[type="submit"]').click();
    await user.getByRole("button", { name: "Continue" }).click();
    await expect(user.getByRole("heading", { name: "Authorization completed successfully" })).toBeVisible();
    await user.getByRole("link", { name: /^Back to / }).click();
    await expect(card.locator("[data-status]")).toHaveAttribute("data-status", "green");
    await user.context().close();
  });

  await test.step("integration code sees the kept account, and the proxy sends its call to the account's path", async () => {
    const values = await api<{ metadata: Record<string, unknown>; accessToken: string }>(
      page.request,
      "get",
      `/api/v1/instances/${instance.id}/connections/accounts/values`,
    );
    expect(values.metadata).toEqual({ account: login });
    const proxied = await api<{ path: string }>(
      page.request,
      "get",
      `/api/v1/instances/${instance.id}/connections/accounts/proxy/profile?full=1`,
    );
    expect(proxied.path).toBe(`/accounts/${login}/profile?full=1`);
    expect(upstreamSaw.at(-1)).toEqual({
      path: `/accounts/${login}/profile?full=1`,
      authorization: `Bearer ${values.accessToken}`,
    });
  });
});
