import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./support/env";

// Signing in and out as a person does, in a browser with no session.
test.use({ storageState: { cookies: [], origins: [] } });

test("a page without a session sends you to sign-in, and the admin gets in to the shell", async ({ page }) => {
  await page.goto("/settings/team");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings%2Fteam/);

  await page.getByLabel("E-mail").fill(ADMIN_EMAIL);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong e-mail or password.");

  await page.getByLabel("Password").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings\/team$/);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of ["Dashboard", "Integrations", "Customers", "Credentials", "Components", "Settings"]) {
    await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
  }
  await expect(page.getByTestId("organization-name")).toHaveText("Demo Organization");
  await expect(page.getByRole("cell", { name: ADMIN_EMAIL })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("five failed sign-ins lock the account with a clear message", async ({ page }) => {
  const email = `lockout-${Date.now()}@example.com`;
  await page.goto("/sign-in");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(`guess-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong e-mail or password.");
  }
  await page.getByLabel("Password").fill("guess-final");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText(
    "Too many failed sign-ins for this account. Try again in",
  );
});

test("signing out ends the session on the server: a copy of the cookie no longer opens anything", async ({
  page,
  browser,
}) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(ADMIN_EMAIL);
  await page.getByLabel("Password").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const copied = await page.context().cookies();
  expect(copied.some((c) => c.name.endsWith("next-auth.session-token"))).toBe(true);

  // The copy works while the session is open...
  const replay = await browser.newContext({ storageState: { cookies: copied, origins: [] } });
  try {
    const thief = await replay.newPage();
    await thief.goto("/settings/team");
    await expect(thief.getByRole("cell", { name: ADMIN_EMAIL })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    // ...and not after the owner signed out.
    await thief.goto("/settings/team");
    await expect(thief).toHaveURL(/\/sign-in/);
    await expect(thief.getByRole("button", { name: "Sign in" })).toBeVisible();
    const session = await thief.request.get("/api/auth/session");
    expect(await session.json()).toEqual({});
  } finally {
    await replay.close();
  }
});

test("?error= shows words for next-auth's codes only, never text from the URL", async ({ page }) => {
  await page.goto("/sign-in?error=Your%20account%20is%20suspended.%20Call%20%2B1%20555%200100");
  await expect(page.locator("form").getByRole("alert")).toHaveText("Sign-in failed. Try again.");
  await expect(page.getByText("suspended")).toHaveCount(0);
  await page.goto("/sign-in?error=SessionRequired");
  await expect(page.locator("form").getByRole("alert")).toHaveText("Sign in to continue.");
});
