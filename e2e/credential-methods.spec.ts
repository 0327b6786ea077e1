import { expect, test } from "@playwright/test";
import {
  createCredential,
  createCustomer,
  credentialItem,
  credentialItems,
  expectCredentialPage,
  expectPageHoldsNone,
  filterCredentials,
  incompleteBanner,
  oneOfEachMethod,
  typedPlainValues,
  typedSecrets,
  watchResponses,
} from "./support/credentials";
import { outcomeToast } from "./support/screens";
import { unique } from "./support/sign-in";

// The credential manager as the admin: a credential of each of the six auth methods at each level,
// the lists and their server-side filter, the red bar, a value changed, and delete by typing the name.
// The two tests are independent and run side by side.

test.describe.configure({ mode: "parallel", timeout: 180_000 });

test("organization level: one credential of each auth method in Settings → Credentials, listed, filtered, one deleted", async ({
  page,
}) => {
  const id = unique();
  const credentials = oneOfEachMethod(id, "org");
  const secrets = typedSecrets(credentials);
  const responses = await watchResponses(page);
  const owner = "Organization (Demo Organization)";
  const paths = new Map<string, string>();

  await test.step("create six in Settings → Credentials", async () => {
    await page.goto("/settings/credentials");
    for (const c of credentials) {
      if (paths.size > 0) await page.goBack();
      paths.set(c.method, await createCredential(page, c));
      await expectCredentialPage(page, c.methodLabel, owner);
      // Only the authorization-code method still waits for its authorization; every other method is complete.
      if (c.method === "oauth2")
        await expect(incompleteBanner(page)).toHaveText("Incomplete: OAuth 2.0 authorization not completed");
      else await expect(incompleteBanner(page)).toHaveCount(0);
      await expectPageHoldsNone(page, secrets);
    }
  });

  await test.step("the OAuth 2.0 credential's Values: plain values as stored, the secret and the header's value never", async () => {
    await page.goto(`${paths.get("oauth2")}?tab=values`);
    await expect(page.getByText("X-E2E-Tenant (token)", { exact: true })).toBeVisible();
    const oauth = credentials.find((c) => c.method === "oauth2")!;
    for (const [field, value] of typedPlainValues(oauth))
      await expect(page.getByLabel(field, { exact: true })).toHaveValue(value);
    await expect(page.getByLabel("Client secret", { exact: true })).toHaveValue("");
    await expect(page.getByLabel("Client secret", { exact: true })).toHaveAccessibleDescription(
      "Saved; not shown because it is secret. Leave blank to keep it.",
    );
    await expectPageHoldsNone(page, secrets);
  });

  await test.step("an optional plain value emptied and saved is cleared; the secret left blank stays", async () => {
    const scopes = page.getByLabel("Scopes (optional)", { exact: true });
    await scopes.fill("");
    await page.getByRole("button", { name: "Save values" }).click();
    await expect(outcomeToast(page)).toContainText("Saved, still incomplete");
    await page.reload();
    await expect(page.getByLabel("Scopes (optional)", { exact: true })).toHaveValue("");
    await expect(page.getByLabel("Client secret", { exact: true })).toHaveAccessibleDescription(
      "Saved; not shown because it is secret. Leave blank to keep it.",
    );
    // A required plain value cannot be emptied: the error is at its field and nothing changes.
    await page.getByLabel("Client ID", { exact: true }).fill("");
    await page.getByRole("button", { name: "Save values" }).click();
    await expect(page.getByText("Client ID is required")).toBeVisible();
    await page.reload();
    const oauth = credentials.find((c) => c.method === "oauth2")!;
    await expect(page.getByLabel("Client ID", { exact: true })).toHaveValue(oauth.values["Client ID"]!);
  });

  await test.step("Settings → Credentials filters on the server, whatever the case", async () => {
    await page.goto("/settings/credentials");
    await filterCredentials(page, `e2e-${id}-ORG API_KEY`);
    await expect(credentialItems(page)).toHaveCount(2);
    await expect(credentialItem(page, `E2E-${id}-org api_key_secret`)).toHaveCount(1);
    await expect(credentialItem(page, `E2E-${id}-org api_key`)).toHaveCount(1);
    // "%" is taken literally, not as a LIKE wildcard that would match the space in "org basic".
    await filterCredentials(page, `E2E-${id}-org%basic`);
    await expect(page.getByText(`No credentials match “E2E-${id}-org%basic”`)).toBeVisible();
  });

  await test.step("the sidebar's Credentials list shows all six with their owner", async () => {
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Credentials", exact: true })
      .click();
    await expect(page).toHaveURL(/\/credentials$/);
    await filterCredentials(page, `E2E-${id.toUpperCase()}-Org`);
    const items = credentialItems(page);
    await expect(items).toHaveCount(6);
    for (const c of credentials)
      await expect(credentialItem(page, c.label)).toContainText(`${c.methodLabel} · Organization`);
    await expect(credentialItem(page, `E2E-${id}-org oauth2`)).toHaveAttribute("data-incomplete", "true");
    await expect(page.locator("li[data-incomplete]")).toHaveCount(1);

    await filterCredentials(page, `${id.toUpperCase()}-ORG OAUTH2`);
    await expect(items).toHaveCount(2);
    await expect(items.first()).toContainText(`E2E-${id}-org oauth2_client_credentials`);
    await expect(items.last()).toContainText(`E2E-${id}-org oauth2`);
    await expectPageHoldsNone(page, secrets);
  });

  await test.step("delete the API key credential by typing its name", async () => {
    const doomed = credentials.find((c) => c.method === "api_key");
    if (!doomed) throw new Error("no api_key credential");
    await page.goto(paths.get("api_key") ?? "");
    await page.getByRole("button", { name: "Delete credential" }).click();
    const confirm = page.getByRole("dialog");
    const remove = confirm.getByRole("button", { name: "REMOVE CREDENTIAL" });
    await expect(remove).toBeDisabled();
    await confirm.getByLabel("Credential name").fill(doomed.label.toUpperCase());
    await expect(remove).toBeDisabled();
    await confirm.getByLabel("Credential name").fill(`${doomed.label} `);
    await expect(remove).toBeDisabled();
    await confirm.getByLabel("Credential name").fill(doomed.label);
    await expect(remove).toBeEnabled();
    await remove.click();
    await expect(page).toHaveURL(/\/settings\/credentials$/);

    await filterCredentials(page, `E2E-${id}-org`);
    await expect(credentialItems(page)).toHaveCount(5);
    await expect(credentialItem(page, doomed.label)).toHaveCount(0);
    const gone = await page.goto(paths.get("api_key") ?? "");
    expect(gone?.status()).toBe(404);
  });

  const checked = responses.expectNoneContain(secrets);
  expect(checked).toBeGreaterThan(20);
});

test("customer level: one credential of each auth method on a customer's Credentials tab, the red bar, a value set", async ({
  page,
}) => {
  const id = unique();
  const customer = `E2E Methods ${id}`;
  const credentials = oneOfEachMethod(id, "cust");
  // The basic credential is saved without its password: it must be flagged until the password is set.
  const basic = credentials.find((c) => c.method === "basic");
  if (!basic) throw new Error("no basic credential");
  const password = basic.values.Password ?? "";
  delete basic.values.Password;
  const secrets = [...typedSecrets(credentials), password];
  const responses = await watchResponses(page);
  const owner = `Customer: ${customer}`;
  const paths = new Map<string, string>();

  const customerPath = await createCustomer(page, customer);
  const credentialsTab = `${customerPath}?tab=credentials`;

  await test.step("create six on the customer's Credentials tab", async () => {
    await page.goto(credentialsTab);
    for (const c of credentials) {
      if (paths.size > 0) await page.goBack();
      paths.set(c.method, await createCredential(page, c));
      await expectCredentialPage(page, c.methodLabel, owner);
      await expectPageHoldsNone(page, secrets);
    }
  });

  await test.step("the red bar: on the credential's page and in the list, the reason on hover", async () => {
    await page.goto(paths.get("basic") ?? "");
    await expect(incompleteBanner(page)).toHaveText("Incomplete: Missing Password");
    await expect(page.locator("dt:has-text('Status') + dd")).toHaveText("Incomplete — Missing Password");

    await page.goto(credentialsTab);
    const items = credentialItems(page);
    await expect(items).toHaveCount(6);
    const red = credentialItem(page, basic.label);
    await expect(red).toHaveAttribute("data-incomplete", "true");
    await expect(red).toHaveClass(/border-red-500/);
    await red.getByRole("link").hover();
    await expect(red.getByRole("link")).toHaveAttribute("title", "Incomplete: Missing Password");
    await expect(red).toContainText("Missing Password");
    const complete = credentialItem(page, `E2E-${id}-cust api_key_secret`);
    await expect(complete).not.toHaveAttribute("data-incomplete", /.*/);
    await expect(complete).not.toHaveClass(/border-red-500/);
    await expect(complete.getByRole("link")).not.toHaveAttribute("title", /.*/);
    // The incomplete ones: the basic credential without its password, and the one waiting for an OAuth authorization.
    await expect(page.locator("li[data-incomplete]")).toHaveCount(2);
  });

  await test.step("the customer's tab filters on the server, whatever the case", async () => {
    await filterCredentials(page, `E2E-${id.toUpperCase()}-CUST Private_Key`);
    await expect(page).toHaveURL(/tab=credentials/);
    await expect(credentialItems(page)).toHaveCount(1);
    await expect(credentialItems(page)).toContainText("Username and private key");
    await filterCredentials(page, `no such credential ${id}`);
    await expect(page.getByText(`No credentials match “no such credential ${id}”`)).toBeVisible();
  });

  await test.step("the sidebar's Credentials list shows all six with their customer", async () => {
    await page.goto("/credentials");
    await filterCredentials(page, `e2e-${id}-CUST`);
    const items = credentialItems(page);
    await expect(items).toHaveCount(6);
    for (const c of credentials)
      await expect(credentialItem(page, c.label)).toContainText(`${c.methodLabel} · ${owner}`);
  });

  await test.step("set the missing password on the Values tab: it becomes set, the username stays set", async () => {
    await page.goto(paths.get("basic") ?? "");
    await page.getByRole("navigation", { name: "Credential" }).getByRole("link", { name: "Values" }).click();
    await expect(page).toHaveURL(/tab=values/);
    const usernameInput = page.getByLabel("Username", { exact: true });
    const passwordInput = page.getByLabel("Password", { exact: true });
    await expect(usernameInput).toHaveValue(basic.values.Username!);
    await expect(passwordInput).toHaveAccessibleDescription("Not set.");
    await passwordInput.fill(password);
    await page.getByRole("button", { name: "Save values" }).click();
    await expect(page.getByText("Values saved")).toBeVisible();
    await expect(page.getByLabel("Password", { exact: true })).toHaveAccessibleDescription(
      "Saved; not shown because it is secret. Leave blank to keep it.",
    );
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
    await expect(page.getByLabel("Username", { exact: true })).toHaveValue(basic.values.Username!);
    await expect(incompleteBanner(page)).toHaveCount(0);
    await expectPageHoldsNone(page, secrets);

    await page.goto(credentialsTab);
    await expect(credentialItem(page, basic.label)).not.toHaveAttribute("data-incomplete", /.*/);
    await expect(page.locator("li[data-incomplete]")).toHaveCount(1);
  });

  const checked = responses.expectNoneContain(secrets);
  expect(checked).toBeGreaterThan(20);
});
