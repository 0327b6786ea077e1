import { expect, test } from "@playwright/test";
import { unique } from "./support/sign-in";

// An API key made in Settings → API keys works at once and stops working when revoked.

test("create an admin key, use it, revoke it", async ({ page, request }) => {
  const name = `E2E key ${unique()}`;
  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: "+ API key" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Role").selectOption("admin");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const input = dialog.getByLabel("New API key");
  await expect(input).toHaveValue(/^lk_/);
  const key = await input.inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();

  const headers = { Authorization: `Bearer ${key}` };
  const ok = await request.get("/api/v1/organization", { headers });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).slug).toBe("demo");

  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await page.getByRole("button", { name: `Revoke ${name}`, exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");

  const revoked = await request.get("/api/v1/organization", { headers });
  expect(revoked.status()).toBe(401);
  expect((await revoked.json()).error.code).toBe("unauthorized");
});
