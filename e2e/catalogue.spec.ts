import { expect, test, type Page } from "@playwright/test";
import { startSandboxProvider, type SandboxProvider } from "../lib/sandbox-provider";
import { apiCreateCustomer } from "./support/api";
import { BASE_URL } from "./support/env";
import { api, wizardSave } from "./support/screens";
import { unique } from "./support/sign-in";
import { addUser, signedInAs } from "./support/team";

// Issue 17 in the browser: an integrator finds Zendesk in the catalogue by searching, adds it to an
// integration (its OAuth client and endpoints as hidden defaults: the local sandbox provider stands
// in for Zendesk), and a customer user enters the Zendesk subdomain (a bad one refused at the field,
// by the pattern the built-in type declares) and presses CONNECT.

test.describe.configure({ timeout: 240_000 });

const id = unique();
const client = { clientId: `e2e-zd-${id}`, clientSecret: `e2e-zd-secret-${id}-value` };
const discovered = { clientId: `e2e-disc-${id}`, clientSecret: `e2e-disc-secret-${id}-value` };
let provider: SandboxProvider;

test.beforeAll(async () => {
  provider = await startSandboxProvider({
    clients: [
      { ...client, authMethod: "client_secret_post", redirectUris: [`${BASE_URL}/api/oauth/callback`] },
      { ...discovered, authMethod: "client_secret_basic", redirectUris: [`${BASE_URL}/api/oauth/callback`] },
    ],
  });
});

test.afterAll(async () => {
  await provider?.close();
});

const card = (page: Page) => page.locator('[data-connection="zendesk"]');

test("find Zendesk by search, add it to an integration, and CONNECT as the customer with a subdomain", async ({
  page,
  browser,
}) => {
  const integrationName = `E2E Helpdesk ${id}`;
  const customerName = `E2E Zendesk Customer ${id}`;
  const email = `zendesk-${id}@example.com`;

  await test.step("the catalogue finds Zendesk by search and tells how to register the app", async () => {
    await page.goto("/components");
    await page.getByRole("searchbox", { name: "Search connection types" }).fill("zendesk");
    await page.getByRole("searchbox", { name: "Search connection types" }).press("Enter");
    await expect(page).toHaveURL(/[?&]q=zendesk/);
    const support = page.getByRole("region", { name: "Customer support" });
    await expect(support.getByRole("link")).toHaveCount(1);
    await expect(page.locator('[data-icon="zendesk"]')).toBeVisible();
    await support.getByRole("link", { name: /Zendesk/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Zendesk" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Register your app with the provider" })).toBeVisible();
    await expect(page.getByText("https://{{subdomain}}.zendesk.com/oauth/authorizations/new")).toBeVisible();
  });

  await test.step("a category narrows the catalogue", async () => {
    await page.goto("/components");
    await page.getByRole("navigation", { name: "Categories" }).getByRole("link", { name: "Customer support" }).click();
    await expect(
      page.getByRole("region", { name: "Customer support" }).getByRole("link", { name: /Zendesk/ }),
    ).toBeVisible();
    await expect(page.getByRole("region", { name: "CRM" })).toHaveCount(0);
  });

  await test.step("add Zendesk to an integration, its client and endpoints as hidden defaults", async () => {
    await page.goto("/integrations");
    await page.getByRole("button", { name: "+ Integration" }).click();
    await page.getByRole("dialog").getByLabel("Name").fill(integrationName);
    await page.getByRole("dialog").getByRole("button", { name: "Create" }).click();
    await expect(page.getByRole("heading", { level: 1, name: integrationName })).toBeVisible();
    const addStep = page.getByRole("form", { name: "Add a step" });
    await addStep.getByLabel("Step name").fill("Sync tickets");
    await addStep.getByLabel("Action").selectOption({ label: "Zendesk: Send a request" });
    await expect(addStep.getByLabel("Connection")).toBeVisible();
    await addStep.getByRole("button", { name: "Add step" }).click();
    await expect(page.getByRole("list", { name: "Steps" }).getByText("Sync tickets", { exact: false })).toBeVisible();
    const hidden: [string, string][] = [
      ["Unique identifier", client.clientId],
      ["Client secret", client.clientSecret],
      ["Authorization URL", provider.endpoints.authorization],
      ["Token URL", provider.endpoints.token],
      ["Scopes", "openid files.read"],
    ];
    for (const [label, value] of hidden) {
      await page.getByLabel(`Default of ${label}`, { exact: true }).fill(value);
      await page.getByLabel(`Visibility of ${label}`, { exact: true }).selectOption("hidden");
    }
    await page.getByRole("button", { name: "Save Zendesk connection" }).click();
    await expect(page.getByText("Saved Zendesk connection")).toBeVisible();
    await apiCreateCustomer(page.request, customerName);
    await page.getByRole("link", { name: "Instances" }).click();
    await page.getByRole("button", { name: "Deploy to a customer" }).click();
    await page.getByRole("dialog").getByLabel("Customer").selectOption({ label: customerName });
    await page.getByRole("dialog").getByRole("button", { name: "Deploy" }).click();
    await expect(page).toHaveURL(/\/instances\/[0-9a-f-]{36}$/);
  });

  await addUser(page, { name: "E2E Zendesk User", email, role: "customer", customer: customerName });
  const user = await signedInAs(browser, email);

  await test.step("the customer's subdomain is checked at the field; a good one saves", async () => {
    await user.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrations" }).click();
    await user.getByRole("list", { name: "Instances" }).getByRole("link", { name: integrationName }).click();
    await expect(card(user).getByLabel("Client secret")).toHaveCount(0);
    await card(user).getByLabel("Zendesk subdomain").fill("evil.example/x");
    await wizardSave(user).click();
    await expect(card(user).getByText("Zendesk subdomain looks like acme")).toBeVisible();
    await card(user)
      .getByLabel("Zendesk subdomain")
      .fill(`acme-${id.toLowerCase().replace(/[^a-z0-9-]/g, "")}`);
    await wizardSave(user).click();
    await expect(user.getByText("Saved Zendesk connection").first()).toBeVisible();
  });

  await test.step("CONNECT at the provider standing in for Zendesk turns the connection green", async () => {
    await card(user).getByRole("button", { name: "CONNECT", exact: true }).click();
    await expect(user).toHaveURL(new RegExp(`^${provider.url}/interaction/`));
    await user.locator('input[name="login"]').fill(`zd-${id}`);
    await user.locator('input[name="password"]').fill("any password");
    await user.locator('button[type="submit"]').click();
    await user.getByRole("button", { name: "Continue" }).click();
    await expect(user.getByRole("heading", { name: "Authorization completed successfully" })).toBeVisible();
    await user.getByRole("link", { name: /^Back to / }).click();
    await expect(card(user).locator("[data-status]")).toHaveAttribute("data-status", "green");
  });
});

test("a type made from an issuer URL is reviewed, saved, exported and imported, and connects", async ({ page }) => {
  const key = `issuer_${id.toLowerCase().replace(/[^a-z0-9]/g, "")}`;

  await test.step("+ Connection type → from an issuer URL: the draft shows the provider's endpoints", async () => {
    await page.goto("/components");
    await page.getByRole("link", { name: "+ Connection type" }).click();
    const discover = page.getByRole("form", { name: "Discover from an issuer URL" });
    await discover.getByLabel("Issuer URL").fill("http://127.0.0.1:1/not-an-issuer?x=1");
    await discover.getByRole("button", { name: "Read metadata" }).click();
    await expect(discover.getByText(/no query or fragment/)).toBeVisible();
    await discover.getByLabel("Issuer URL").fill(provider.issuer);
    await discover.getByRole("button", { name: "Read metadata" }).click();
    const review = page.getByRole("form", { name: "Review the discovered type" });
    await expect(review.getByText(provider.endpoints.token, { exact: true })).toBeVisible();
    await expect(review.getByText("client_secret_basic · PKCE on")).toBeVisible();
    await review.getByLabel("Name").fill(`Issuer ${id}`);
    await review.getByLabel("Key").fill(key);
    await review.getByRole("button", { name: "Save discovered type" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Issuer ${id}` })).toBeVisible();
  });

  await test.step("exported as JSON from its page, it imports again under another key", async () => {
    const href = await page.getByRole("link", { name: "Export as JSON" }).getAttribute("href");
    const exported = JSON.parse(decodeURIComponent(href!.replace(/^data:application\/json;charset=utf-8,/, ""))) as {
      key: string;
    };
    expect(exported.key).toBe(key);
    await page.goto("/components/new");
    const form = page.getByRole("form", { name: "Import a connection type" });
    await form.getByLabel("Exported definition").fill("{not json");
    await form.getByRole("button", { name: "Import" }).click();
    await expect(form.getByText("Paste the JSON of an exported connection type")).toBeVisible();
    await form
      .getByLabel("Exported definition")
      .fill(JSON.stringify({ ...exported, key: `${key}_copy`, label: `Copy ${id}` }));
    await form.getByRole("button", { name: "Import" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Copy ${id}` })).toBeVisible();
  });

  await test.step("deployed with the client as hidden defaults, CONNECT turns it green", async () => {
    const hidden = { visibility: "hidden" };
    const integration = await api<{ id: string }>(page.request, "post", "/api/v1/integrations", {
      name: `E2E Issuer ${id}`,
      configVariables: [
        {
          key: "idp",
          label: "Identity provider",
          connectionType: key,
          fields: {
            client_id: { ...hidden, default: discovered.clientId },
            client_secret: { ...hidden, default: discovered.clientSecret },
            scopes: { ...hidden, default: "openid files.read" },
          },
        },
      ],
    });
    const customerId = await apiCreateCustomer(page.request, `E2E Issuer Customer ${id}`);
    const instance = await api<{ id: string }>(page.request, "post", "/api/v1/instances", {
      integrationId: integration.id,
      customerId,
    });
    await page.goto(`/instances/${instance.id}`);
    const idp = page.locator('[data-connection="idp"]');
    await idp.getByRole("button", { name: "CONNECT", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`^${provider.url}/interaction/`));
    await page.locator('input[name="login"]').fill(`issuer-${id}`);
    await page.locator('input[name="password"]').fill("any password");
    await page.locator('button[type="submit"]').click();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { name: "Authorization completed successfully" })).toBeVisible();
    await page.getByRole("link", { name: /^Back to / }).click();
    await expect(idp.locator("[data-status]")).toHaveAttribute("data-status", "green");
  });
});
