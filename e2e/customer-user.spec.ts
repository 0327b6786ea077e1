import { expect, test } from "@playwright/test";
import { apiCreateCredential, apiCreateCustomer } from "./support/api";
import {
  createCredential,
  credentialItem,
  credentialItems,
  expectCredentialPage,
  expectPageHoldsNone,
  filterCredentials,
  watchResponses,
  type CredentialInput,
} from "./support/credentials";
import { unique } from "./support/sign-in";
import { addUser, signedInAs } from "./support/team";

// A customer user in the credential manager: their own customer's credentials only, to read, add,
// change and delete; the organization's and other customers' are not found, values never sent.

test.describe.configure({ timeout: 180_000 });

test("a customer user manages their own customer's credentials and never reaches the organization's or another customer's", async ({
  page,
  browser,
  request,
}) => {
  const id = unique();
  const own = `E2E Own ${id}`;
  const other = `E2E Other ${id}`;
  // Made through the API: what the integrator set up before the customer user signs in.
  const adminMade = {
    label: `E2E-${id} set up by the integrator`,
    authMethod: "api_key",
    values: { api_key: `own-token-${id}-value` },
  };
  const othersOnly = {
    label: `E2E-${id} another customer's`,
    authMethod: "basic",
    values: { username: `other-user-${id}-value`, password: `other-password-${id}-value` },
  };
  const organizations = {
    label: `E2E-${id} the organization's`,
    authMethod: "oauth2_client_credentials",
    values: {
      client_id: `org-client-${id}-value`,
      client_secret: `org-client-secret-${id}-value`,
      token_uri: `https://provider.example/token?e2e=org-${id}-value`,
    },
  };
  // Typed by the customer user.
  const mine: CredentialInput = {
    label: `E2E-${id} added by the customer`,
    method: "api_key_secret",
    methodLabel: "API key and secret",
    values: { "API key": `mine-key-${id}-value`, "API secret": `mine-secret-${id}-value` },
  };
  const newSecret = `mine-secret-${id}-rotated`;
  const email = `customer-${id}@example.com`;

  const ownId = await apiCreateCustomer(request, own);
  const otherId = await apiCreateCustomer(request, other);
  await apiCreateCredential(request, { ...adminMade, customerId: ownId });
  const othersPath = `/credentials/${await apiCreateCredential(request, { ...othersOnly, customerId: otherId })}`;
  const organizationsPath = `/credentials/${await apiCreateCredential(request, organizations)}`;
  const otherPath = `/customers/${otherId}`;
  // The admin adds the customer user in Settings → Team.
  await addUser(page, { name: "E2E Customer User", email, role: "customer", customer: own });

  const user = await signedInAs(browser, email);
  const responses = await watchResponses(user);
  const neverShown = [
    ...Object.values(othersOnly.values),
    ...Object.values(organizations.values),
    othersOnly.label,
    organizations.label,
    other,
  ];

  await test.step("the Credentials list holds their customer's credentials only", async () => {
    await user
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Credentials", exact: true })
      .click();
    await expect(user).toHaveURL(/\/credentials$/);
    await expect(user.getByRole("heading", { level: 1, name: "Credentials" })).toBeVisible();
    await expect(credentialItem(user, adminMade.label)).toBeVisible();
    await expectPageHoldsNone(user, neverShown);
    await filterCredentials(user, `E2E-${id.toUpperCase()}`);
    await expect(credentialItems(user)).toHaveCount(1);
    await expect(credentialItem(user, adminMade.label)).toHaveText(`${adminMade.label}API key`);
  });

  const minePath = await test.step("they add a credential, which their customer owns", async () => {
    await user.goto("/credentials");
    await user.getByRole("button", { name: "+ Credential" }).click();
    await expect(user.getByRole("dialog")).toContainText(`Owned by ${own}.`);
    await user.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    const path = await createCredential(user, mine);
    await expectCredentialPage(user, mine.methodLabel, `Customer: ${own}`);
    await user.goto("/credentials");
    await filterCredentials(user, `e2e-${id}`);
    await expect(credentialItems(user)).toHaveCount(2);
    return path;
  });

  await test.step("they change one value; both stay set", async () => {
    await user.goto(`${minePath}?tab=values`);
    await user.getByLabel("API secret", { exact: true }).fill(newSecret);
    await user.getByRole("button", { name: "Save values" }).click();
    await expect(user.getByText("Values saved")).toBeVisible();
    for (const field of ["API key", "API secret"]) {
      await expect(user.getByLabel(field, { exact: true })).toHaveAccessibleDescription(
        "Saved; not shown because it is secret. Leave blank to keep it.",
      );
      await expect(user.getByLabel(field, { exact: true })).toHaveValue("");
    }
    await expectPageHoldsNone(user, [...Object.values(mine.values), newSecret]);
  });

  await test.step("they delete it by typing its name", async () => {
    await user.goto(minePath);
    await user.getByRole("button", { name: "Delete credential" }).click();
    const confirm = user.getByRole("dialog");
    const remove = confirm.getByRole("button", { name: "REMOVE CREDENTIAL" });
    await expect(remove).toBeDisabled();
    await confirm.getByLabel("Credential name").fill(mine.label.slice(1));
    await expect(remove).toBeDisabled();
    await confirm.getByLabel("Credential name").fill(mine.label);
    await remove.click();
    await expect(user).toHaveURL(/\/credentials$/);
    await expect(credentialItem(user, adminMade.label)).toBeVisible();
    await expect(credentialItem(user, mine.label)).toHaveCount(0);
  });

  await test.step("organization credentials: no Settings, and the credential's page is not found", async () => {
    await expect(
      user.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings", exact: true }),
    ).toHaveCount(0);
    await user.goto("/settings/credentials");
    await expect(user).toHaveURL(/\/$/);
    await expect(user.getByRole("heading", { level: 1, name: "Welcome, E2E Customer User" })).toBeVisible();

    for (const path of [organizationsPath, `${organizationsPath}?tab=values`]) {
      const response = await user.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(user.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
      await expectPageHoldsNone(user, neverShown);
    }
  });

  await test.step("another customer's credential and customer page are not theirs", async () => {
    for (const path of [othersPath, `${othersPath}?tab=values`]) {
      const response = await user.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(user.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
    }
    await user.goto(`${otherPath}?tab=credentials`);
    await expect(user).toHaveURL(/\/$/);
    await expectPageHoldsNone(user, neverShown);
  });

  responses.expectNoneContain([
    ...neverShown,
    ...Object.values(mine.values),
    ...Object.values(adminMade.values),
    newSecret,
  ]);
  await user.context().close();
});
