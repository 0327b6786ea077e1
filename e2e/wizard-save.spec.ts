import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { apiCreateCustomer } from "./support/api";
import { api, outcomeToast, wizardSave } from "./support/screens";
import { unique } from "./support/sign-in";

// Issue 19, the instance wizard: one Save for the page instead of one per card, the cards that need
// it saved together with one outcome, errors at their fields, and a warning before leaving the
// page with changes unsaved (a link inside the app, a reload or a closed tab).

test.describe.configure({ timeout: 180_000 });

/** An instance of an integration with two connections of one plain `fields` type, deployed by the API. */
async function twoConnections(request: APIRequestContext, id: string): Promise<string> {
  const typeKey = `wizard_${id.toLowerCase().replace(/[^a-z0-9]/g, "")}`;
  await api(request, "post", "/api/v1/connection-types", {
    key: typeKey,
    label: `Wizard service ${id}`,
    kind: "fields",
    fields: [
      { key: "account", label: "Account", type: "string", required: true },
      { key: "api_key", label: "API key", type: "password", required: true },
    ],
  });
  const integration = await api<{ id: string }>(request, "post", "/api/v1/integrations", {
    name: `Wizard save ${id}`,
    configVariables: [
      { key: "crm", label: "CRM", connectionType: typeKey },
      { key: "files", label: "Files", connectionType: typeKey },
    ],
  });
  const customerId = await apiCreateCustomer(request, `Wizard customer ${id}`);
  return (
    await api<{ id: string }>(request, "post", "/api/v1/instances", { integrationId: integration.id, customerId })
  ).id;
}

const card = (page: Page, key: string) => page.locator(`[data-connection="${key}"]`);
const changes = (page: Page) => page.getByTestId("wizard-changes");
const toast = outcomeToast;

test("the wizard has one Save for its connections, and asks before unsaved changes are left behind", async ({
  page,
  request,
}) => {
  const id = unique();
  const instanceId = await twoConnections(request, id);
  await page.goto(`/instances/${instanceId}`);
  const crm = card(page, "crm");
  const files = card(page, "files");

  await test.step("one Save for the page; none per card", async () => {
    await expect(crm.getByLabel("Account")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Save / })).toHaveCount(0);
    await expect(wizardSave(page)).toHaveCount(1);
    await expect(changes(page)).toHaveText("No unsaved changes.");
  });

  await test.step("an empty Save: every card's errors at its fields, the first focused, no toast", async () => {
    await wizardSave(page).click();
    await expect(crm.getByText("Account is required")).toBeVisible();
    await expect(files.getByText("Account is required")).toBeVisible();
    await expect(crm.getByLabel("Account")).toBeFocused();
    await expect(toast(page)).toHaveCount(0);
  });

  await test.step("changes are named; a link inside the app asks first, and Cancel stays with them", async () => {
    await crm.getByLabel("Account").fill(`crm-${id}`);
    await crm.getByLabel("API key").fill(`crm-key-${id}`);
    await files.getByLabel("Account").fill(`files-${id}`);
    await expect(changes(page)).toHaveText("Unsaved changes in CRM and Files.");
    const asked = page.waitForEvent("dialog");
    const click = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
    const dialog = await asked;
    expect(dialog.type()).toBe("confirm");
    expect(dialog.message()).toBe("Unsaved changes in CRM and Files. Leave this page without saving?");
    await dialog.dismiss();
    await click;
    await expect(page).toHaveURL(new RegExp(`/instances/${instanceId}$`));
    await expect(crm.getByLabel("Account")).toHaveValue(`crm-${id}`);
  });

  await test.step("closing the page or reloading it asks too (beforeunload)", async () => {
    const asked = page.waitForEvent("dialog");
    await page.close({ runBeforeUnload: true });
    const dialog = await asked;
    expect(dialog.type()).toBe("beforeunload");
    await dialog.dismiss();
    expect(page.isClosed()).toBe(false);
    await expect(files.getByLabel("Account")).toHaveValue(`files-${id}`);
  });

  await test.step("Save saves what it can: CRM saved, Files' missing key said at its field", async () => {
    await wizardSave(page).click();
    await expect(files.getByText("API key is required")).toBeVisible();
    await expect(files.getByLabel("API key")).toBeFocused();
    await expect(toast(page)).toHaveText(/Saved CRM; the rest needs attention at its fields/);
    await expect(crm.locator("[data-status]")).toHaveAttribute("data-status", "yellow");
    await expect(changes(page)).toHaveText("Unsaved changes in Files.");
  });

  await test.step("once all is saved, one toast, and the page is left without a question", async () => {
    await files.getByLabel("API key").fill(`files-key-${id}`);
    await files.getByLabel("API key").press("Enter");
    await expect(toast(page)).toHaveText(/^Saved Files$/);
    await expect(files.locator("[data-status]")).toHaveAttribute("data-status", "yellow");
    await expect(changes(page)).toHaveText("No unsaved changes.");
    page.on("dialog", (d) => {
      throw new Error(`unexpected dialog: ${d.message()}`);
    });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
    await expect(page).toHaveURL(/\/customers$/);
    await page.goto(`/instances/${instanceId}`);
    await expect(crm.getByLabel("Account")).toHaveValue(`crm-${id}`);
    await expect(files.getByLabel("Account")).toHaveValue(`files-${id}`);
  });
});

test("switching a connection to an existing credential is an unsaved change", async ({ page, request }) => {
  const id = unique();
  const instanceId = await twoConnections(request, id);
  // A credential of the customer's that the connection could use instead.
  const instance = await api<{ customerId: string; connections: { connectionType: string }[] }>(
    request,
    "get",
    `/api/v1/instances/${instanceId}`,
  );
  await api(request, "post", "/api/v1/credentials", {
    label: `Existing ${id}`,
    authMethod: instance.connections[0]!.connectionType,
    customerId: instance.customerId,
    values: { account: `existing-${id}`, api_key: `existing-key-${id}` },
  });
  await page.goto(`/instances/${instanceId}`);
  await expect(changes(page)).toHaveText("No unsaved changes.");
  await card(page, "crm").getByLabel("Use an existing credential").check();
  await expect(changes(page)).toHaveText("Unsaved changes in CRM.");
  await card(page, "crm").getByLabel("Enter values").check();
  await expect(changes(page)).toHaveText("No unsaved changes.");
});
