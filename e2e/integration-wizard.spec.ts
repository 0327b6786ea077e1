import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { apiCreateCustomer } from "./support/api";
import { watchResponses } from "./support/credentials";
import { wizardSave } from "./support/screens";
import { unique } from "./support/sign-in";
import { addUser, signedInAs } from "./support/team";

// Issue 4 end to end: a custom connection type with a test request, an integration whose two steps
// share one connection, a default on a hidden field, deployment, the customer user's wizard (which
// neither shows nor sends the hidden field), and Test connection against a local endpoint that
// checks the key: green with the right key, red with the wrong one, and the log says why.

test.describe.configure({ timeout: 240_000 });

const id = unique();
const goodKey = `good-key-${id}`;
const badKey = `bad-key-${id}`;
let server: Server;
let baseUrl = "";

test.beforeAll(async () => {
  // The service the connection type talks to: it accepts one key and refuses every other.
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const ok =
      url.pathname === "/check" &&
      req.headers["x-api-key"] === goodKey &&
      url.searchParams.get("account") === `acct-${id}`;
    res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
    res.end(JSON.stringify(ok ? { account: url.searchParams.get("account") } : { error: "invalid api key" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const connectionCard = (page: Page, key: string) => page.locator(`[data-connection="${key}"]`);

test("design, deploy, configure as a customer user, and test a connection green and red", async ({
  page,
  browser,
  request,
}) => {
  const typeKey = `e2e_acme_${id}`;
  const typeLabel = `E2E Acme ${id}`;
  const connectionLabel = `${typeLabel} connection`;
  const integrationName = `E2E Sync ${id}`;
  const customerName = `E2E Wizard Customer ${id}`;
  const email = `wizard-${id}@example.com`;

  await test.step("declare a custom connection type with fields and a test request", async () => {
    await page.goto("/components");
    await page.getByRole("link", { name: "+ Connection type" }).click();
    await page.getByLabel("Name", { exact: true }).fill(typeLabel);
    await page.getByLabel("Key", { exact: true }).fill(typeKey);
    await page.getByRole("button", { name: "+ Field" }).click();
    await page.getByLabel("Field 2 key").fill("account");
    await page.getByLabel("Field 2 label").fill("Account");
    await page.getByRole("button", { name: "+ Field" }).click();
    await page.getByLabel("Field 3 key").fill("base_url");
    await page.getByLabel("Field 3 label").fill("API base URL");
    await page.getByLabel("Field 3 type").selectOption("url");
    for (const n of [2, 3])
      await page
        .locator("fieldset")
        .filter({ hasText: "Fields" })
        .locator("> div")
        .nth(n - 1)
        .getByLabel("Required")
        .check();
    await page.getByLabel("URL", { exact: true }).fill("{{base_url}}/check?account={{account}}");
    await page.getByLabel("Credential applied as", { exact: true }).selectOption("header");
    await page.getByLabel("Header name", { exact: true }).fill("X-Api-Key");
    await page.getByLabel("Value field", { exact: true }).selectOption("api_key");
    await page.getByRole("button", { name: "Save connection type" }).click();
    await expect(page).toHaveURL(new RegExp(`/components/${typeKey}$`));
    await expect(page.getByRole("heading", { level: 1, name: typeLabel })).toBeVisible();
    await expect(page.getByRole("cell", { name: "base_url" })).toBeVisible();
    await expect(page.getByText("GET {{base_url}}/check?account={{account}}")).toBeVisible();
  });

  await test.step("a duplicate key is refused at its field", async () => {
    await page.goto("/components/new");
    await page.getByLabel("Name", { exact: true }).fill(`${typeLabel} again`);
    await page.getByLabel("Key", { exact: true }).fill(typeKey);
    await page.getByRole("button", { name: "Save connection type" }).click();
    await expect(page.getByText("Your organization already has a connection type with this key")).toBeVisible();
  });

  await test.step("create an integration whose two steps share one connection", async () => {
    await page.goto("/integrations");
    await page.getByRole("button", { name: "+ Integration" }).click();
    await page.getByRole("dialog").getByLabel("Name").fill(integrationName);
    await page.getByRole("dialog").getByRole("button", { name: "Create" }).click();
    await expect(page.getByRole("heading", { level: 1, name: integrationName })).toBeVisible();
    const addStep = page.getByRole("form", { name: "Add a step" });
    for (const name of ["Fetch accounts", "Push invoices"]) {
      await addStep.getByLabel("Step name").fill(name);
      await addStep.getByLabel("Action").selectOption({ label: `${typeLabel}: Send a request` });
      await expect(addStep.getByLabel("Connection")).toBeVisible();
      await addStep.getByRole("button", { name: "Add step" }).click();
      await expect(page.getByRole("list", { name: "Steps" }).getByText(name, { exact: false })).toBeVisible();
    }
    await expect(page.getByTestId(`used-by-${typeKey}`)).toHaveText("Used by: Fetch accounts, Push invoices");
    await expect(page.getByRole("heading", { level: 3, name: new RegExp(connectionLabel) })).toHaveCount(1);
  });

  await test.step("set a default on the API base URL and hide it; a private URL is fine here because development allows it", async () => {
    await page.getByLabel("Default of API base URL").fill(baseUrl);
    await page.getByLabel("Visibility of API base URL").selectOption("hidden");
    await page.getByLabel("Default of Account").fill(`acct-${id}`);
    await page.getByRole("button", { name: `Save ${connectionLabel}` }).click();
    await expect(page.getByText(`Saved ${connectionLabel}`)).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Default of API base URL")).toHaveValue(baseUrl);
    await expect(page.getByLabel("Visibility of API base URL")).toHaveValue("hidden");
  });

  await test.step("the preview shows the wizard as the customer will: no hidden field, defaults prefilled", async () => {
    await page.getByRole("link", { name: "Preview" }).click();
    const card = connectionCard(page, typeKey);
    await expect(card.getByLabel("API key")).toBeVisible();
    await expect(card.getByLabel("Account")).toHaveValue(`acct-${id}`);
    await expect(card.getByLabel("API base URL")).toHaveCount(0);
  });

  await test.step("deploy to a customer from the integration page", async () => {
    await apiCreateCustomer(request, customerName);
    await page.getByRole("link", { name: "Instances" }).click();
    await page.getByRole("button", { name: "Deploy to a customer" }).click();
    await page.getByRole("dialog").getByLabel("Customer").selectOption({ label: customerName });
    await page.getByRole("dialog").getByRole("button", { name: "Deploy" }).click();
    await expect(page).toHaveURL(/\/instances\/[0-9a-f-]{36}$/);
    await expect(connectionCard(page, typeKey).locator("[data-status]")).toHaveAttribute("data-status", "red");
    await expect(connectionCard(page, typeKey).getByText("Not configured yet")).toBeVisible();
    // The organization sees every field, the hidden one included.
    await expect(connectionCard(page, typeKey).getByLabel("API base URL")).toBeVisible();
  });

  await addUser(page, { name: "E2E Wizard User", email, role: "customer", customer: customerName });
  const user = await signedInAs(browser, email);
  const responses = await watchResponses(user);

  await test.step("the customer user finds the instance and sees only the fields meant for them", async () => {
    await user.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrations" }).click();
    await user.getByRole("list", { name: "Instances" }).getByRole("link", { name: integrationName }).click();
    const card = connectionCard(user, typeKey);
    await expect(card.getByLabel("API key")).toBeVisible();
    await expect(card.getByLabel("Account")).toHaveValue(`acct-${id}`);
    await expect(card.getByLabel("API base URL")).toHaveCount(0);
  });

  await test.step("a required value left empty is refused at its field", async () => {
    const card = connectionCard(user, typeKey);
    await wizardSave(user).click();
    await expect(card.getByText("API key is required")).toBeVisible();
    await expect(card.locator("[data-status]")).toHaveAttribute("data-status", "red");
  });

  await test.step("saved with the right key it is yellow; Test connection turns it green", async () => {
    const card = connectionCard(user, typeKey);
    await card.getByLabel("API key").fill(goodKey);
    await wizardSave(user).click();
    await expect(card.locator("[data-status]")).toHaveAttribute("data-status", "yellow");
    await card.getByRole("button", { name: "Test connection" }).click();
    await expect(user.getByText("Test passed: 200 OK")).toBeVisible();
    await expect(card.locator("[data-status]")).toHaveAttribute("data-status", "green");
  });

  await test.step("with a key the service refuses, the test turns it red and the log says why", async () => {
    const card = connectionCard(user, typeKey);
    await card.getByLabel("API key").fill(badKey);
    await wizardSave(user).click();
    await expect(user.getByText(`Saved ${connectionLabel}`).first()).toBeVisible();
    await card.getByRole("button", { name: "Test connection" }).click();
    await expect(card.locator("[data-status]")).toHaveAttribute("data-status", "red");
    await expect(card.locator("[data-status]")).toContainText("401");
    await card.getByRole("button", { name: `Logs of ${connectionLabel}` }).click();
    const log = user.getByRole("dialog").getByRole("list", { name: "Log entries" });
    await expect(log.getByText(/Test failed: 401 Unauthorized: .*invalid api key/)).toBeVisible();
    await expect(log.getByText("Test request answered 200 OK")).toBeVisible();
    await expect(log.getByText(/configured by the customer/)).toBeVisible();
  });

  await test.step("nothing the customer user's browser received holds the hidden field or a key", async () => {
    // A full load of the wizard too, so that its HTML document is among what was received.
    await user.reload();
    await expect(connectionCard(user, typeKey).getByLabel("Account")).toBeVisible();
    responses.expectNoneContain([baseUrl, goodKey, badKey]);
  });
  await user.context().close();
});

test("a customer user enables an offered integration for their own company", async ({ page, browser, request }) => {
  const sub = unique();
  const customerName = `E2E Enabling Customer ${sub}`;
  const email = `enable-${sub}@example.com`;
  const integrationName = `E2E Offered ${sub}`;
  const created = await request.post("/api/v1/integrations", {
    headers: { authorization: `Bearer ${(await import("./support/env")).API_KEY}` },
    data: {
      name: integrationName,
      description: "Sends a daily report",
      configVariables: [{ key: "store", label: "Report storage", connectionType: "amazon_s3" }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  await apiCreateCustomer(request, customerName);
  await addUser(page, { name: "E2E Enabling User", email, role: "customer", customer: customerName });

  const user = await signedInAs(browser, email);
  await user.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrations" }).click();
  await user.getByRole("button", { name: `Enable ${integrationName}` }).click();
  await expect(user).toHaveURL(/\/instances\/[0-9a-f-]{36}$/);
  await expect(user.getByRole("heading", { level: 1, name: integrationName })).toBeVisible();
  await expect(connectionCard(user, "store").getByLabel("Access key ID")).toBeVisible();
  await user.getByRole("link", { name: "← Integrations" }).click();
  await expect(
    user.getByRole("list", { name: "Instances" }).getByRole("link", { name: integrationName }),
  ).toBeVisible();
  await expect(user.getByRole("link", { name: "Configure →" })).toBeVisible();
  await user.context().close();

  // The organization sees the new instance on the customer's page, with its status.
  await page.goto("/customers");
  await page.getByRole("link", { name: customerName }).click();
  await expect(
    page.getByRole("list", { name: "Instances" }).getByRole("link", { name: integrationName }),
  ).toBeVisible();
  await expect(page.getByRole("list", { name: "Instances" }).locator("[data-status]")).toHaveAttribute(
    "data-status",
    "red",
  );
});
