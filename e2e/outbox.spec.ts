import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { startAppServer, type AppServer } from "../tests/system/servers";
import { ADMIN_EMAIL, ADMIN_PASSWORD, API_KEY, CRON_SECRET, E2E_AUTH_SECRET, E2E_MASTER_KEY } from "./support/env";
import { outcomeToast } from "./support/screens";
import { noSession, signIn, unique } from "./support/sign-in";

// Issue 19, item 7: with no SMTP server (the demo's case), e-mail is kept in Settings → Outbox. The
// e2e server sends over SMTP, so this walk starts a server of its own without SMTP_URL, on its own
// embedded database. The newest message is open with its disclosure arrow, and the page does not
// promise a link it does not keep: an authorization link is a bearer credential, shown once to its sender.

test.describe.configure({ timeout: 240_000 });

let server: AppServer;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dataDir = mkdtempSync(path.join(os.tmpdir(), "latchkey-e2e-outbox-"));
  server = await startAppServer({
    DATABASE_URL: "",
    LATCHKEY_DATA_DIR: dataDir,
    LATCHKEY_MASTER_KEY: E2E_MASTER_KEY,
    AUTH_SECRET: E2E_AUTH_SECRET,
    CRON_SECRET,
    LATCHKEY_API_KEY: API_KEY,
    LATCHKEY_ADMIN_EMAIL: ADMIN_EMAIL,
    LATCHKEY_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LATCHKEY_DEMO: "false",
  });
});

test.afterAll(async () => {
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function api<T>(request: APIRequestContext, url: string, data: unknown): Promise<T> {
  const response = await request.post(`${server.url}${url}`, {
    headers: { authorization: `Bearer ${API_KEY}` },
    data,
  });
  expect(response.status(), `${url}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as T;
}

test("7: without SMTP the e-mailed link's message waits in the outbox, newest open, its link not kept", async ({
  browser,
  request,
}) => {
  const id = unique();
  const typeKey = `outbox_${id.toLowerCase().replace(/[^a-z0-9]/g, "")}`;
  // An OAuth type with its app set by the integrator: the link can be sent without the provider answering.
  await api(request, "/api/v1/connection-types", {
    key: typeKey,
    label: `Outbox files ${id}`,
    kind: "oauth2",
    fields: [
      { key: "client_id", label: "Client ID", type: "string", required: true, default: `outbox-${id}` },
      { key: "client_secret", label: "Client secret", type: "password", required: true },
      { key: "auth_uri", label: "Authorization URL", type: "url", required: true, default: "http://127.0.0.1:9/auth" },
      { key: "token_uri", label: "Token URL", type: "url", required: true, default: "http://127.0.0.1:9/token" },
    ],
  });
  const integration = await api<{ id: string }>(request, "/api/v1/integrations", {
    name: `Outbox ${id}`,
    configVariables: [
      { key: "files", label: "Files", connectionType: typeKey, fields: { client_secret: { default: `s-${id}` } } },
    ],
  });
  const customer = await api<{ id: string }>(request, "/api/v1/customers", { name: `Outbox customer ${id}` });
  const instance = await api<{ id: string }>(request, "/api/v1/instances", {
    integrationId: integration.id,
    customerId: customer.id,
  });

  const context = await browser.newContext({ storageState: noSession, baseURL: server.url });
  const page = await context.newPage();
  try {
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto(`/settings/outbox`);
    await expect(page.getByText("The outbox is empty")).toBeVisible();

    await page.goto(`/instances/${instance.id}`);
    const form = page.locator('[data-connection="files"]').getByRole("form", { name: "Send an authorization link" });
    for (const n of [1, 2]) {
      await form.getByLabel("Customer's e-mail").fill(`outbox-${n}-${id}@customer.example`);
      await form.getByRole("button", { name: "Send email" }).click();
      await expect(outcomeToast(page)).toContainText(
        `No SMTP server: copy the link below and send it to outbox-${n}-${id}@customer.example`,
      );
      // Shown once, to its sender, here only.
      const shown = page.getByRole("status", { name: "Authorization link" });
      await expect(shown).toContainText(`outbox-${n}-${id}@customer.example`);
      await expect(shown.getByLabel("Link to send")).toHaveValue(new RegExp(`^${server.url}/authorize/`));
    }

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Outbox" }).click();
    await expect(page).toHaveURL(/\/settings\/outbox$/);
    await expect(page.getByText("No SMTP server is configured (SMTP_URL)")).toBeVisible();
    await expect(page.getByText(/copy its link/)).toHaveCount(0);
    const messages = page.getByRole("list", { name: "Outbox" }).locator("details");
    await expect(messages).toHaveCount(2);
    // The newest is open, showing who it is for and that its link was not kept; the older one is closed.
    const newest = messages.nth(0);
    await expect(newest).toHaveAttribute("open", "");
    await expect(newest).toContainText(`outbox-2-${id}@customer.example`);
    await expect(newest.locator("pre")).toContainText("link not kept here");
    await expect(newest.locator("pre")).not.toContainText("/authorize/");
    const older = messages.nth(1);
    await expect(older).not.toHaveAttribute("open", "");
    await expect(older.locator("pre")).toBeHidden();
    // Its disclosure arrow shows it can be opened; a click opens it.
    await expect(older.locator("summary svg")).toBeVisible();
    await older.locator("summary").click();
    await expect(older.locator("pre")).toBeVisible();
    await expect(older.locator("pre")).toContainText("link not kept here");
  } finally {
    await context.close();
  }
});
