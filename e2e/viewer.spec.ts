import { expect, test } from "@playwright/test";
import { apiCreateCredential, apiCreateCustomer } from "./support/api";
import {
  credentialItem,
  credentialItems,
  expectCredentialPage,
  filterCredentials,
  incompleteBanner,
} from "./support/credentials";
import { unique } from "./support/sign-in";
import { addUser, signedInAs } from "./support/team";

// A viewer in the credential manager: every list and page to read, nothing to add, change or delete.

test("a viewer reads credential lists and pages but has no way to add, change or delete", async ({
  page,
  browser,
  request,
}) => {
  const id = unique();
  const customer = `E2E Viewed ${id}`;
  const customers = {
    label: `E2E-${id} customer basic`,
    authMethod: "basic",
    values: { username: `viewed-user-${id}` },
  };
  const organizations = {
    label: `E2E-${id} organization key`,
    authMethod: "api_key",
    values: { api_key: `viewed-key-${id}` },
  };
  const email = `viewer-${id}@example.com`;

  const customerId = await apiCreateCustomer(request, customer);
  const customerPath = `/customers/${customerId}`;
  const customersPath = `/credentials/${await apiCreateCredential(request, { ...customers, customerId })}`;
  const organizationsPath = `/credentials/${await apiCreateCredential(request, organizations)}`;
  // The admin, who does see "+ Credential", Save values and Delete, adds the viewer in Settings → Team.
  await page.goto(`${customerPath}?tab=credentials`);
  await expect(page.getByRole("button", { name: "+ Credential" })).toBeVisible();
  await page.goto(organizationsPath);
  await expect(page.getByRole("button", { name: "Delete credential" })).toBeVisible();
  await page.goto(`${organizationsPath}?tab=values`);
  await expect(page.getByRole("button", { name: "Save values" })).toBeVisible();
  await addUser(page, { name: "E2E Viewer", email, role: "viewer" });

  const viewer = await signedInAs(browser, email);
  const noAdd = viewer.getByRole("button", { name: "+ Credential" });

  await test.step("the Credentials list shows both with their owner, and no + Credential", async () => {
    await viewer
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Credentials", exact: true })
      .click();
    await expect(viewer).toHaveURL(/\/credentials$/);
    await filterCredentials(viewer, `e2e-${id.toUpperCase()}`);
    await expect(credentialItems(viewer)).toHaveCount(2);
    await expect(credentialItem(viewer, customers.label)).toContainText(
      `Username and password · Customer: ${customer}`,
    );
    await expect(credentialItem(viewer, customers.label)).toHaveAttribute("data-incomplete", "true");
    await expect(credentialItem(viewer, organizations.label)).toContainText("API key · Organization");
    await expect(noAdd).toHaveCount(0);
  });

  await test.step("Settings → Credentials and the customer's tab list them, with no + Credential", async () => {
    await viewer.goto("/settings/credentials");
    await filterCredentials(viewer, `E2E-${id}`);
    await expect(credentialItems(viewer)).toHaveCount(1);
    await expect(credentialItem(viewer, organizations.label)).toBeVisible();
    await expect(noAdd).toHaveCount(0);

    await viewer.goto(`${customerPath}?tab=credentials`);
    await expect(credentialItem(viewer, customers.label)).toBeVisible();
    await expect(noAdd).toHaveCount(0);
  });

  await test.step("a credential's Summary has no delete; its plain Values read as stored, secret ones as set or not set, with nothing to save", async () => {
    await viewer.goto(customersPath);
    await expect(viewer.getByRole("heading", { level: 1, name: customers.label })).toBeVisible();
    await expectCredentialPage(viewer, "Username and password", `Customer: ${customer}`);
    await expect(incompleteBanner(viewer)).toHaveText("Incomplete: Missing Password");
    await expect(viewer.getByRole("button", { name: "Delete credential" })).toHaveCount(0);

    await viewer.getByRole("navigation", { name: "Credential" }).getByRole("link", { name: "Values" }).click();
    await expect(viewer).toHaveURL(/tab=values/);
    // A plain value is read as stored; a secret one only as set or not set.
    await expect(viewer.getByRole("listitem").filter({ hasText: "Username" })).toHaveText(
      `Username${customers.values.username}`,
    );
    await expect(viewer.getByRole("listitem").filter({ hasText: "Password" })).toHaveText("Passwordnot set");
    await expect(viewer.getByRole("button", { name: "Save values" })).toHaveCount(0);
    await expect(viewer.getByRole("main").getByRole("textbox")).toHaveCount(0);

    await viewer.goto(`${organizationsPath}?tab=values`);
    await expect(viewer.getByRole("listitem").filter({ hasText: "API key" })).toHaveText("API keyset");
    await expect(viewer.getByRole("button", { name: "Save values" })).toHaveCount(0);
    await viewer.goto(organizationsPath);
    await expectCredentialPage(viewer, "API key", "Organization (Demo Organization)");
    await expect(viewer.getByRole("button", { name: "Delete credential" })).toHaveCount(0);
  });

  await viewer.context().close();
});
