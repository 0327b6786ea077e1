import { expect, type Browser, type Page } from "@playwright/test";
import { noSession, signIn } from "./sign-in";

// Settings → Team as the admin, for specs that need another role; and that user's own browser.

/** The initial password the admin gives the users these helpers add. */
export const USER_PASSWORD = "e2e-password-123456";

/** Adds a user through Settings → Team → "+ Add user", with USER_PASSWORD. */
export async function addUser(
  page: Page,
  {
    name,
    email,
    role,
    customer,
  }: { name: string; email: string; role: "admin" | "builder" | "viewer" | "customer"; customer?: string },
) {
  await page.goto("/settings/team");
  await page.getByRole("button", { name: "+ Add user" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("E-mail").fill(email);
  await dialog.getByLabel("Role", { exact: true }).selectOption(role);
  if (customer) await dialog.getByLabel("Customer").selectOption({ label: customer });
  await dialog.getByLabel("Initial password").fill(USER_PASSWORD);
  await dialog.getByRole("button", { name: "Add user", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();
}

/** A page in a fresh browser context, signed in as this user; close its context when done. */
export async function signedInAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ storageState: noSession });
  const page = await context.newPage();
  await signIn(page, email, USER_PASSWORD);
  return page;
}
