import { expect, test, type Page } from "@playwright/test";
import { noSession, signIn, unique } from "./support/sign-in";

// Settings → Team as the admin, and what the people added there can see.

const PASSWORD = "e2e-password-123456";

async function addUser(
  page: Page,
  { name, email, role, customer }: { name: string; email: string; role: string; customer?: string },
) {
  await page.goto("/settings/team");
  await page.getByRole("button", { name: "+ Add user" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("E-mail").fill(email);
  await dialog.getByLabel("Role", { exact: true }).selectOption(role);
  if (customer) await dialog.getByLabel("Customer").selectOption({ label: customer });
  await dialog.getByLabel("Initial password").fill(PASSWORD);
  await dialog.getByRole("button", { name: "Add user", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();
}

test("admin adds a viewer, makes them a builder, who cannot manage the team; then removes them", async ({
  page,
  browser,
}) => {
  const email = `builder-${unique()}@example.com`;
  await addUser(page, { name: "E2E Builder", email, role: "viewer" });

  await page.getByLabel(`Role of ${email}`).selectOption("builder");
  await expect(page.getByText("Role changed")).toBeVisible();
  await expect(page.getByLabel(`Role of ${email}`)).toHaveValue("builder");

  const context = await browser.newContext({ storageState: noSession });
  const other = await context.newPage();
  await signIn(other, email, PASSWORD, "/sign-in?callbackUrl=%2Fsettings%2Fteam");
  await expect(other).toHaveURL(/\/settings\/team$/);
  await expect(
    other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers", exact: true }),
  ).toBeVisible();
  await expect(other.getByText(email).first()).toBeVisible();
  await expect(other.getByText("Only admins can add, change or remove users.")).toBeVisible();
  await expect(other.getByRole("button", { name: "+ Add user" })).toHaveCount(0);
  await context.close();

  await page.getByRole("button", { name: `Remove ${email}`, exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove user", exact: true }).click();
  await expect(page.getByText("User removed")).toBeVisible();
  await expect(page.getByRole("cell", { name: email, exact: true })).toHaveCount(0);
});

test("a customer user sees only their customer's area", async ({ page, browser }) => {
  const email = `globex-${unique()}@example.com`;
  await addUser(page, { name: "Globex User", email, role: "customer", customer: "Globex Corporation" });
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Customer user · Globex Corporation");

  const context = await browser.newContext({ storageState: noSession });
  const other = await context.newPage();
  await signIn(other, email, PASSWORD);
  await expect(other.getByTestId("organization-name")).toHaveText("Globex Corporation · Demo Organization");
  const nav = other.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Credentials", exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Customers", exact: true })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Settings", exact: true })).toHaveCount(0);
  await other.goto("/settings");
  await expect(other).toHaveURL(/\/$/);
  await other.goto("/settings/team");
  await expect(other).toHaveURL(/\/$/);
  await context.close();
});
