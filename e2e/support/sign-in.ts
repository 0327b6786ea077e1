import { expect, type Page } from "@playwright/test";

/** Signs in through the form and waits for the shell. */
export async function signIn(page: Page, email: string, password: string, path = "/sign-in") {
  await page.goto(path);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("organization-name")).toBeVisible();
}

/** A suffix that keeps names unique across tests and runs. */
export function unique(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** A context option that starts without any session. */
export const noSession = { cookies: [], origins: [] };
