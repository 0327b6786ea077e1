import { expect, test } from "@playwright/test";
import { unique } from "./support/sign-in";

// The provider quirks through the type form: an integrator declares an OAuth type that wants a JSON
// token request, nests its tokens, and templates its authorization URL from a subdomain field with a
// pattern; a bad pattern is refused at its field; what is saved shows again on the type's page and in
// its edit dialog, which saves a change and keeps the rest.

test("an OAuth type with a JSON token request, token answer paths and a patterned subdomain field round-trips through the form", async ({
  page,
}) => {
  const id = unique()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
  const key = `e2e_quirks_${id}`;
  const label = `E2E Quirks ${id}`;

  await page.goto("/components/new");
  await page.getByLabel("Name", { exact: true }).fill(label);
  await page.getByLabel("Key", { exact: true }).fill(key);
  await page.getByLabel("Authorization", { exact: true }).selectOption("oauth2");
  // The kind's six well-known rows, then the subdomain.
  await expect(page.getByLabel("Field 6 key")).toHaveValue("revoke_uri");
  await page.getByRole("button", { name: "+ Field" }).click();
  await page.getByLabel("Field 7 key").fill("subdomain");
  await page.getByLabel("Field 7 label").fill("Subdomain");
  await page.getByLabel("Field 7 pattern", { exact: true }).fill("[a-z0-9-+$");
  await page.getByLabel("Field 7 pattern message").fill("Only the subdomain: letters, digits and dashes");
  await page.getByLabel("Field 3 default").fill("https://{{subdomain}}.example.com/oauth/authorize");
  await page.getByLabel("Access token path (optional)").fill("data.access_token");

  const quirks = page.locator("details").filter({ hasText: "Advanced: provider quirks" });
  await expect(page.getByLabel("Token request format", { exact: true })).toBeHidden();
  await quirks.getByText("Advanced: provider quirks").click();
  await page.getByLabel("Token request format", { exact: true }).selectOption("json");
  await page.getByLabel("Refresh token path (optional)").fill("data.refresh_token");
  await page.getByLabel("Expires in path (optional)").fill("data.expires_in");
  await page.getByLabel("Refresh token policy", { exact: true }).selectOption("rotates");
  await page.getByLabel("Offline access scope (optional)").fill("offline_access");
  await page.getByLabel("Error path (optional)").fill("e".repeat(101));
  await quirks.getByText("Advanced: provider quirks").click();
  await expect(page.getByLabel("Token request format", { exact: true })).toBeHidden();

  // Refused at their fields: the pattern, and a quirk, whose disclosure opens to show it.
  await page.getByRole("button", { name: "Save connection type" }).click();
  const pattern = page.getByLabel("Field 7 pattern", { exact: true });
  await expect(pattern).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("pattern is not a valid regular expression")).toBeVisible();
  const errorPath = page.getByLabel("Error path (optional)");
  await expect(errorPath).toBeVisible();
  await expect(errorPath).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/components\/new$/);
  await errorPath.fill("");

  await pattern.fill("^[a-z0-9-]+$");
  await page.getByRole("button", { name: "Save connection type" }).click();
  await expect(page).toHaveURL(new RegExp(`/components/${key}$`));
  await expect(page.getByRole("heading", { level: 1, name: label })).toBeVisible();

  const oauth = page.locator("section").filter({ has: page.getByRole("heading", { name: "OAuth settings" }) });
  const row = (term: string) => oauth.locator("div").filter({ has: page.getByText(term, { exact: true }) });
  await expect(row("Token request format").locator("dd")).toHaveText("JSON");
  await expect(row("Access token at").locator("dd")).toHaveText("data.access_token");
  await expect(row("Refresh token at").locator("dd")).toHaveText("data.refresh_token");
  await expect(row("Lifetime (seconds) at").locator("dd")).toHaveText("data.expires_in");
  await expect(row("Refresh token policy").locator("dd")).toHaveText("rotates");
  await expect(row("Offline access").locator("dd")).toHaveText("scope offline_access");
  await expect(
    page.getByText("Must match ^[a-z0-9-]+$ (Only the subdomain: letters, digits and dashes)"),
  ).toBeVisible();

  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog");
  await expect(edit.getByLabel("Field 7 pattern", { exact: true })).toHaveValue("^[a-z0-9-]+$");
  await expect(edit.getByLabel("Field 7 pattern message")).toHaveValue(
    "Only the subdomain: letters, digits and dashes",
  );
  await expect(edit.getByLabel("Field 3 default")).toHaveValue("https://{{subdomain}}.example.com/oauth/authorize");
  await expect(edit.getByLabel("Access token path (optional)")).toHaveValue("data.access_token");
  await edit.getByText("Advanced: provider quirks").click();
  await expect(edit.getByLabel("Token request format", { exact: true })).toHaveValue("json");
  await expect(edit.getByLabel("Refresh token path (optional)")).toHaveValue("data.refresh_token");
  await expect(edit.getByLabel("Expires in path (optional)")).toHaveValue("data.expires_in");
  await expect(edit.getByLabel("Refresh token policy", { exact: true })).toHaveValue("rotates");
  await expect(edit.getByLabel("Offline access scope (optional)")).toHaveValue("offline_access");

  // A change in the dialog is saved, and what it left alone stays.
  await edit.getByLabel("Error path (optional)").fill("error");
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(edit).toBeHidden();
  await expect(row("Error at").locator("dd")).toHaveText("error");
  await expect(row("Token request format").locator("dd")).toHaveText("JSON");
  await expect(row("Refresh token at").locator("dd")).toHaveText("data.refresh_token");
});
