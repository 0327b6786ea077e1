import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { apiCreateCustomer } from "./support/api";
import { API_KEY } from "./support/env";
import { unique } from "./support/sign-in";

// The connection health dashboard as the demo admin: one connection of each colour made through the
// API (a test request against a local endpoint turns them green or red), the counts on the landing
// page, and the lists behind them. Other specs may add connections to the same organization at the
// same time, so counts are compared with what this spec added, never with absolute numbers.

const id = unique();
const goodKey = `good-${id}`;
const auth = { authorization: `Bearer ${API_KEY}` };
let server: Server;
let baseUrl = "";

test.beforeAll(async () => {
  // The service behind the connection type: it accepts one key.
  server = createServer((req, res) => {
    const ok = req.url === "/check" && req.headers["x-api-key"] === goodKey;
    res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
    res.end(JSON.stringify(ok ? { ok: true } : { error: "invalid api key" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function api(request: APIRequestContext, method: "post" | "put", path: string, data: unknown) {
  const response = await request[method](path, { headers: auth, data });
  expect(response.ok(), `${method.toUpperCase()} ${path}: ${await response.text()}`).toBe(true);
  return (await response.json()) as Record<string, unknown>;
}

/** The three counts on the landing page. */
async function readCounts(page: Page) {
  const count = async (status: string) =>
    Number(await page.getByTestId(`status-count-${status}`).locator("[data-count]").textContent());
  return { green: await count("green"), yellow: await count("yellow"), red: await count("red") };
}

const row = (page: Page, instanceId: string, key: string) => page.locator(`tr[data-connection="${instanceId}/${key}"]`);

test("the landing page counts connections by status and lists the ones behind each count", async ({
  page,
  request,
}) => {
  const typeKey = `e2e_dash_${id}`;
  const integrationName = `E2E Dashboard ${id}`;
  const instances: Record<"first" | "second", string> = { first: "", second: "" };

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Connection health" })).toBeVisible();
  // Earlier specs of the run may or may not have deployed instances yet: the counts appear once one exists.
  const before =
    (await page.getByTestId("status-count-red").count()) > 0 ? await readCounts(page) : { green: 0, yellow: 0, red: 0 };

  await test.step("through the API: two instances, four connections (green, yellow, red misconfigured, red unconfigured)", async () => {
    await api(request, "post", "/api/v1/connection-types", {
      key: typeKey,
      label: `E2E Dash ${id}`,
      kind: "fields",
      fields: [{ key: "api_key", label: "API key", type: "password", required: true }],
      test: {
        url: `${baseUrl}/check`,
        method: "GET",
        auth: { type: "header", name: "X-Api-Key", valueField: "api_key" },
      },
    });
    const integration = await api(request, "post", "/api/v1/integrations", {
      name: integrationName,
      configVariables: [
        { key: "main", label: `Main account ${id}`, connectionType: typeKey },
        { key: "backup", label: `Backup account ${id}`, connectionType: typeKey },
      ],
      steps: [
        { name: "Fetch", action: `${typeKey}.request`, connection: "main" },
        { name: "Mirror", action: `${typeKey}.request`, connection: "backup" },
      ],
    });
    const customerId = await apiCreateCustomer(request, `E2E Dash Customer ${id}`);
    for (const key of ["first", "second"] as const) {
      instances[key] = String(
        (
          await api(request, "post", "/api/v1/instances", {
            integrationId: integration.id,
            customerId,
            name: `Dash ${key} ${id}`,
          })
        ).id,
      );
    }
    const connection = (instance: string, key: string) => `/api/v1/instances/${instance}/connections/${key}`;
    // first: main tested with the right key (green), backup never configured (red).
    await api(request, "put", connection(instances.first, "main"), { values: { api_key: goodKey } });
    expect(await api(request, "post", `${connection(instances.first, "main")}/test`, {})).toMatchObject({ ok: true });
    // second: main configured but never used (yellow), backup tested with a wrong key (red).
    await api(request, "put", connection(instances.second, "main"), { values: { api_key: goodKey } });
    await api(request, "put", connection(instances.second, "backup"), { values: { api_key: `wrong-${id}` } });
    expect(await api(request, "post", `${connection(instances.second, "backup")}/test`, {})).toMatchObject({
      ok: false,
    });
  });

  await test.step("the dashboard counts them, and shows the expiry timeline and the refresh chart", async () => {
    await page.goto("/");
    await expect(page.getByText("No connections yet")).toHaveCount(0);
    const after = await readCounts(page);
    expect(after.green).toBeGreaterThanOrEqual(before.green + 1);
    expect(after.yellow).toBeGreaterThanOrEqual(before.yellow + 1);
    expect(after.red).toBeGreaterThanOrEqual(before.red + 2);
    await expect(page.getByRole("heading", { name: "Upcoming token expiries" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Token expiries, soonest first" }).getByRole("link")).toHaveCount(6);
    await expect(page.getByRole("heading", { name: "Token refreshes in the last 24 hours" })).toBeVisible();
    await page.getByText("Show the figures as a table").click();
    await expect(
      page.getByRole("table", { name: "Token refreshes per hour in the last 24 hours" }).locator("tbody tr"),
    ).toHaveCount(24);
  });

  await test.step("clicking the red count lists the red connections with their reasons", async () => {
    await page.getByTestId("status-count-red").click();
    await expect(page).toHaveURL(/\/connections\?status=red$/);
    await expect(page.getByRole("heading", { level: 1, name: "Red connections" })).toBeVisible();
    const unconfigured = row(page, instances.first, "backup");
    await expect(unconfigured).toContainText(`Dash first ${id}`);
    await expect(unconfigured).toContainText(`E2E Dash Customer ${id}`);
    await expect(unconfigured).toContainText(`Backup account ${id}`);
    await expect(unconfigured).toContainText("Not configured yet");
    await expect(row(page, instances.second, "backup")).toContainText(/401|invalid api key/);
    await expect(row(page, instances.second, "backup").locator("[data-status]")).toHaveAttribute("data-status", "red");
    // The green and yellow ones are not in this list.
    await expect(row(page, instances.first, "main")).toHaveCount(0);
    await expect(row(page, instances.second, "main")).toHaveCount(0);
  });

  await test.step("each row links to its instance", async () => {
    await row(page, instances.second, "backup")
      .getByRole("link", { name: `Dash second ${id}` })
      .click();
    await expect(page).toHaveURL(new RegExp(`/instances/${instances.second}$`));
    await expect(page.getByRole("heading", { level: 1, name: `Dash second ${id}` })).toBeVisible();
  });

  await test.step("the green and yellow counts list theirs", async () => {
    await page.goto("/");
    await page.getByTestId("status-count-green").click();
    await expect(page.getByRole("heading", { level: 1, name: "Green connections" })).toBeVisible();
    await expect(row(page, instances.first, "main")).toContainText("Used successfully");
    await expect(row(page, instances.second, "main")).toHaveCount(0);
    await page.goto("/");
    await page.getByTestId("status-count-yellow").click();
    await expect(page.getByRole("heading", { level: 1, name: "Yellow connections" })).toBeVisible();
    await expect(row(page, instances.second, "main")).toContainText("Configured, not used yet");
    await expect(row(page, instances.first, "main")).toHaveCount(0);
  });

  await test.step("a bad filter says what is wrong instead of failing", async () => {
    const response = await page.goto("/connections?status=purple");
    expect(response?.status()).toBe(200);
    await expect(page.getByText("status must be green, yellow or red")).toBeVisible();
    await page.goto("/connections?refresh=failed&hour=2025-01-31T14:30:00Z");
    await expect(page.getByText("hour must start on the hour")).toBeVisible();
  });
});
