import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { apiCreateCustomer } from "./support/api";
import { api, seriousViolations, wizardSave } from "./support/screens";
import { unique } from "./support/sign-in";
import { addUser, signedInAs } from "./support/team";

// The proxy through the type form (issues 16 and 17): an integrator declares an API-key type whose
// proxy base URL is templated from a patterned subdomain field and whose header carries the key; a
// placeholder naming the secret key is refused at its field; what is saved shows again in the edit
// dialog and the export; a customer enters the values, and integration code's call through the
// proxy reaches a real upstream on 127.0.0.1 on the templated path, the key in the header.

test.describe.configure({ timeout: 240_000 });

const id = unique()
  .toLowerCase()
  .replace(/[^a-z0-9]/g, "");
let upstream: Server;
let upstreamUrl = "";
const upstreamSaw: { path: string; apiKey: string | undefined; authorization: string | undefined }[] = [];

test.beforeAll(async () => {
  upstream = createServer((req, res) => {
    const apiKey = req.headers["x-api-key"];
    upstreamSaw.push({
      path: req.url ?? "",
      apiKey: typeof apiKey === "string" ? apiKey : undefined,
      authorization: req.headers.authorization,
    });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ path: req.url }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((resolve) => (upstream ? upstream.close(() => resolve()) : resolve())));

test("an API-key type with a templated proxy declared in the form carries the customer's key to the upstream", async ({
  page,
  browser,
}) => {
  const key = `e2e_tfp_${id}`;
  const label = `E2E Form Proxy ${id}`;
  const secretKey = `tfp-key-${id}-secret`;
  const proxy = page.locator("details").filter({ hasText: "Proxy (optional)" });

  await test.step("declared in the form: a placeholder naming the secret key is refused at its field", async () => {
    await page.goto("/components/new");
    await page.getByLabel("Name", { exact: true }).fill(label);
    await page.getByLabel("Key", { exact: true }).fill(key);
    await expect(page.getByLabel("Field 1 key")).toHaveValue("api_key");
    await page.getByRole("button", { name: "+ Field" }).click();
    await page.getByLabel("Field 2 key").fill("subdomain");
    await page.getByLabel("Field 2 label").fill("Subdomain");
    await page.getByLabel("Field 2 pattern", { exact: true }).fill("^[a-z0-9-]+$");
    await page.getByLabel("Field 2 pattern message").fill("Only the subdomain: letters, digits and dashes");
    await page.getByRole("checkbox", { name: "Required" }).nth(1).check();

    await expect(page.getByLabel("Proxy base URL")).toBeHidden();
    await proxy.getByText("Proxy (optional)").click();
    await page.getByLabel("Proxy base URL").fill(`${upstreamUrl}/tenants/{{api_key}}/api`);
    await page.getByLabel("Proxy credential applied as").selectOption("header");
    await page.getByLabel("Proxy header name").fill("X-Api-Key");
    await page.getByLabel("Proxy header value field").selectOption("api_key");
    await page.getByLabel("Retries").fill("1");
    await page.getByLabel("Rate limit per minute (optional)").fill("600");
    await proxy.getByText("Proxy (optional)").click();
    await expect(page.getByLabel("Proxy base URL")).toBeHidden();

    await page.getByRole("button", { name: "Save connection type" }).click();
    const baseUrl = page.getByLabel("Proxy base URL");
    await expect(baseUrl).toBeVisible();
    await expect(baseUrl).toHaveAttribute("aria-invalid", "true");
    const refusal =
      "The proxy's base URL names {{api_key}}, a secret field: a URL is logged and shown, a secret is not";
    await expect(baseUrl).toHaveAccessibleDescription(refusal);
    await expect(page).toHaveURL(/\/components\/new$/);
    expect(await seriousViolations(page)).toEqual([]);

    await baseUrl.fill(`${upstreamUrl}/tenants/{{subdomain}}/api`);
    await page.getByRole("button", { name: "Save connection type" }).click();
    await expect(page).toHaveURL(new RegExp(`/components/${key}$`));
    await expect(page.getByTestId("proxy-url")).toContainText("/proxy/");
    await expect(page.getByText(`${upstreamUrl}/tenants/{{subdomain}}/api`).first()).toBeVisible();
  });

  await test.step("the edit dialog shows the proxy again, a save keeps it, and the export carries it", async () => {
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    const edit = page.getByRole("dialog");
    await expect(edit.getByLabel("Proxy base URL")).toHaveValue(`${upstreamUrl}/tenants/{{subdomain}}/api`);
    await expect(edit.getByLabel("Proxy credential applied as")).toHaveValue("header");
    await expect(edit.getByLabel("Proxy header name")).toHaveValue("X-Api-Key");
    await expect(edit.getByLabel("Proxy header value field")).toHaveValue("api_key");
    await expect(edit.getByLabel("Retries")).toHaveValue("1");
    await expect(edit.getByLabel("Rate limit per minute (optional)")).toHaveValue("600");
    await edit.getByLabel("Concurrency").fill("5");
    await edit.getByRole("button", { name: "Save", exact: true }).click();
    await expect(edit).toBeHidden();
    const exported = await api<{ proxy: Record<string, unknown> }>(
      page.request,
      "get",
      `/api/v1/connection-types/${key}/export`,
    );
    expect(exported.proxy).toMatchObject({
      baseUrl: `${upstreamUrl}/tenants/{{subdomain}}/api`,
      auth: { type: "header", name: "X-Api-Key", valueField: "api_key" },
      refreshOn: [401],
      retries: 1,
      concurrency: 5,
      rateLimit: { perMinute: 600 },
    });
  });

  const integrationName = `E2E Form Proxy ${id}`;
  const customerName = `E2E Form Proxy Customer ${id}`;
  const integration = await api<{ id: string }>(page.request, "post", "/api/v1/integrations", {
    name: integrationName,
    configVariables: [{ key: "desk", label: "Desk", connectionType: key }],
  });
  const customerId = await apiCreateCustomer(page.request, customerName);
  const instance = await api<{ id: string }>(page.request, "post", "/api/v1/instances", {
    integrationId: integration.id,
    customerId,
  });
  const email = `tfp-${id}@example.com`;
  await addUser(page, { name: "E2E Form Proxy User", email, role: "customer", customer: customerName });
  const user = await signedInAs(browser, email);

  await test.step("the customer enters the subdomain, which its pattern checks, and the key", async () => {
    await user.goto(`/instances/${instance.id}`);
    const card = user.locator('[data-connection="desk"]');
    // A value that could move the host is refused with the pattern's message, and never reaches a URL.
    await card.getByLabel("Subdomain", { exact: true }).fill("evil.example/x");
    await card.getByLabel("API key", { exact: true }).fill(secretKey);
    await wizardSave(user).click();
    await expect(card.getByText("Only the subdomain: letters, digits and dashes")).toBeVisible();
    await card.getByLabel("Subdomain", { exact: true }).fill("acme-eu");
    await wizardSave(user).click();
    await expect(card.locator("[data-status]")).toHaveAttribute("data-status", "yellow");
    await user.context().close();
  });

  await test.step("integration code calls the proxy with an organization key; the upstream gets the key on the templated path", async () => {
    const proxied = await api<{ path: string }>(
      page.request,
      "get",
      `/api/v1/instances/${instance.id}/connections/desk/proxy/tickets?status=open`,
    );
    expect(proxied.path).toBe("/tenants/acme-eu/api/tickets?status=open");
    expect(upstreamSaw.at(-1)).toEqual({
      path: "/tenants/acme-eu/api/tickets?status=open",
      apiKey: secretKey,
      authorization: undefined,
    });
  });
});
