import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startAppServer, type AppServer } from "../tests/system/servers";
import { ADMIN_EMAIL, ADMIN_PASSWORD, API_KEY, CRON_SECRET, E2E_AUTH_SECRET, E2E_MASTER_KEY } from "./support/env";
import { noSession, signIn } from "./support/sign-in";

// Discovery's production rule on the screen (issue 17): the e2e server lifts the private-network
// rule for its loopback peers, so this walk starts a server of its own as `npm start` runs it (no
// demo, no allowance), on its own embedded database. "+ Connection type → from an issuer URL" shows
// the refusal of a plain http issuer and of a private address at the Issuer URL field.

test.describe.configure({ timeout: 240_000 });

let server: AppServer;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dataDir = mkdtempSync(path.join(os.tmpdir(), "latchkey-e2e-discovery-"));
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
    LATCHKEY_ALLOW_PRIVATE_NETWORK: "false",
  });
});

test.afterAll(async () => {
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("in production, an http issuer and a private address are refused at the Issuer URL field", async ({ browser }) => {
  const context = await browser.newContext({ storageState: noSession, baseURL: server.url });
  const page = await context.newPage();
  try {
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto("/components/new");
    const discover = page.getByRole("form", { name: "Discover from an issuer URL" });
    const issuer = discover.getByLabel("Issuer URL");
    const cases: [string, string][] = [
      ["http://login.example.com", "The URL must use https"],
      ["https://127.0.0.1:8443", "127.0.0.1 is a private or reserved address, which Latchkey does not call"],
      ["https://localhost", "localhost resolves to a private or reserved address, which Latchkey does not call"],
    ];
    for (const [url, message] of cases) {
      await issuer.fill(url);
      await discover.getByRole("button", { name: "Read metadata" }).click();
      await expect(discover.getByText(message, { exact: true })).toBeVisible();
      await expect(issuer).toHaveAttribute("aria-invalid", "true");
      await expect(issuer).toHaveAccessibleDescription(message);
    }
    await expect(page.getByRole("form", { name: "Review the discovered type" })).toHaveCount(0);
  } finally {
    await context.close();
  }
});
