import { expect, test } from "@playwright/test";
import { unique } from "./support/sign-in";

// Credentials through the UI as the admin: incomplete ones are flagged, secrets never reach the page.

test("a customer's incomplete basic credential is flagged on its page and in the list", async ({ page }) => {
  const id = unique();
  const customer = `E2E Customer ${id}`;
  const label = `E2E basic ${id}`;

  await page.goto("/customers");
  await page.getByRole("button", { name: "+ Customer" }).click();
  const customerDialog = page.getByRole("dialog");
  await customerDialog.getByLabel("Name").fill(customer);
  await customerDialog.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: customer })).toBeVisible();
  const customerUrl = page.url();

  await page.getByRole("navigation", { name: "Customer" }).getByRole("link", { name: "credentials" }).click();
  await expect(page).toHaveURL(/tab=credentials/);
  await page.getByRole("button", { name: "+ Credential" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(label);
  await dialog.getByLabel("Auth method").selectOption("basic");
  await dialog.getByLabel("Username").fill("only-the-username");
  await dialog.getByRole("button", { name: "Save" }).click();

  await expect(page).toHaveURL(/\/credentials\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: label })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^Incomplete:/ })).toBeVisible();

  await page.goto(`${customerUrl}?tab=credentials`);
  const item = page.getByRole("list", { name: "Credentials" }).getByRole("listitem").filter({ hasText: label });
  await expect(item).toHaveAttribute("data-incomplete", "true");
  await expect(item).toHaveClass(/border-red-500/);
});

test("an organization credential's secret never reaches the page; filter and delete by name", async ({ page }) => {
  const id = unique();
  const label = `E2E org key ${id}`;
  const secret = `sk_e2e_secret_${id}_do_not_render`;

  await page.goto("/settings/credentials");
  await page.getByRole("button", { name: "+ Credential" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(label);
  await dialog.getByLabel("Auth method").selectOption("api_key");
  await dialog.getByLabel("API key", { exact: true }).fill(secret);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/credentials\/[0-9a-f-]{36}$/);
  const credentialUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { name: label })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^Incomplete:/ })).toHaveCount(0);

  await page.goto(`${credentialUrl}?tab=values`);
  await expect(page.getByRole("button", { name: "Save values" })).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  await page.goto(`/credentials?label=${encodeURIComponent(`org key ${id}`)}`);
  const items = page.getByRole("list", { name: "Credentials" }).getByRole("listitem");
  await expect(items).toHaveCount(1);
  await expect(items).toContainText(label);
  expect(await page.content()).not.toContain(secret);

  await items.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`${credentialUrl}$`));
  await page.getByRole("button", { name: "Delete credential" }).click();
  const confirm = page.getByRole("dialog");
  const remove = confirm.getByRole("button", { name: "REMOVE CREDENTIAL" });
  await expect(remove).toBeDisabled();
  await confirm.getByLabel("Credential name").fill(label.slice(0, -1));
  await expect(remove).toBeDisabled();
  await confirm.getByLabel("Credential name").fill(label);
  await expect(remove).toBeEnabled();
  await remove.click();
  await expect(page).toHaveURL(/\/settings\/credentials$/);

  await page.goto(`/credentials?label=${encodeURIComponent(label)}`);
  await expect(page.getByText(`No credentials match “${label}”`)).toBeVisible();
});
