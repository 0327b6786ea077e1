import { expect, test } from "@playwright/test";
import { API_KEY } from "./support/env";
import { unique } from "./support/sign-in";
import { addUser, signedInAs } from "./support/team";

// A custom connection type's page: edit it, be refused deleting it while an integration uses it
// (the message names the integration), then delete it. A viewer gets the 403 page where it may not go.

const auth = { authorization: `Bearer ${API_KEY}` };

test("a custom type is edited and, once no integration uses it, deleted from its page", async ({ page, request }) => {
  const id = unique()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
  const key = `e2e_type_${id}`;
  const created = await request.post("/api/v1/connection-types", {
    headers: auth,
    data: {
      key,
      label: `E2E Type ${id}`,
      kind: "fields",
      fields: [{ key: "api_key", label: "API key", type: "password", required: true }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const integrationName = `E2E uses ${id}`;
  const integration = await request.post("/api/v1/integrations", {
    headers: auth,
    data: { name: integrationName, configVariables: [{ key: "conn", label: "Conn", connectionType: key }] },
  });
  expect(integration.status(), await integration.text()).toBe(201);
  const integrationId = ((await integration.json()) as { id: string }).id;

  await page.goto(`/components/${key}`);
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog");
  await edit.getByLabel("Name", { exact: true }).fill(`E2E Renamed ${id}`);
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `E2E Renamed ${id}` })).toBeVisible({ timeout: 15_000 });

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("dialog");
  await confirm.getByRole("button", { name: "Delete connection type" }).click();
  await expect(confirm.getByRole("status")).toContainText(`"${integrationName}"`, { timeout: 15_000 });
  await expect(page).toHaveURL(new RegExp(`/components/${key}$`));

  expect((await request.delete(`/api/v1/integrations/${integrationId}`, { headers: auth })).status()).toBe(200);
  await confirm.getByRole("button", { name: "Delete connection type" }).click();
  await expect(page).toHaveURL(/\/components$/, { timeout: 15_000 });
  expect((await request.get(`/api/v1/connection-types/${key}`, { headers: auth })).status()).toBe(404);
});

test("bad key segments answer 4xx, and a viewer gets the 403 page where it may not go", async ({
  page,
  browser,
  request,
}) => {
  expect((await request.get("/api/v1/connection-types/%ff", { headers: auth })).status()).toBe(400);
  expect((await page.goto("/components/%ff"))?.status()).toBe(400);
  expect((await page.goto("/components/no_such_type"))?.status()).toBe(404);

  const email = `viewer-403-${unique()}@example.com`;
  await addUser(page, { name: "E2E Viewer 403", email, role: "viewer" });
  const viewer = await signedInAs(browser, email);
  const response = await viewer.goto("/components/new");
  expect(response?.status()).toBe(403);
  await expect(viewer.getByRole("heading", { name: "You may not see this page" })).toBeVisible();
});
