import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  ADMIN_STORAGE_STATE,
  API_KEY,
  BASE_URL,
  CRON_SECRET,
  E2E_AUTH_SECRET,
  E2E_MASTER_KEY,
  E2E_PORT,
  E2E_SMTP_PORT,
} from "./e2e/support/env";

// The e2e server runs the production server, server.mjs (build first: `npm run build`) on the embedded PGlite, in a fresh
// data folder per run, in production mode (what `npm start` ships: no demo, its secrets given, a
// strong admin password), so that the suite tests the production server's behaviour and headers. The
// one production rule it lifts, explicitly and logged, is LATCHKEY_ALLOW_PRIVATE_NETWORK: its OAuth,
// SMTP and partner peers listen on loopback over http. The runner loads this file, and so does every worker: only the first load
// (the runner) makes the folder, and the workers inherit it through the environment. A folder made
// here is deleted when the runner exits, after the web server has been stopped; one passed in
// through LATCHKEY_E2E_DATA_DIR is left alone.
if (!process.env.LATCHKEY_E2E_DATA_DIR) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "latchkey-e2e-data-"));
  process.env.LATCHKEY_E2E_DATA_DIR = dir;
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
}
const dataDir = process.env.LATCHKEY_E2E_DATA_DIR;

export default defineConfig({
  testDir: "e2e",
  forbidOnly: !!process.env.CI,
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // Sized for a busy 2-core machine (a build or a second suite beside it): a condition that holds
  // is met long before these, and one that never holds still fails.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [["list"], ["json", { outputFile: ".test-output/playwright.json" }]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    actionTimeout: 20_000,
    navigationTimeout: 45_000,
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's chromium (scripts/install-test-deps.sh), never a downloaded browser.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // Signs in once per role and saves the session (see ADMIN_STORAGE_STATE in e2e/support/env.ts).
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    // Calls route handlers with the API key: no browser, no signed-in session needed.
    { name: "api", testDir: "e2e/api", testMatch: /.*\.spec\.ts/ },
    {
      name: "chromium",
      testIgnore: [/[\\/]e2e[\\/]api[\\/]/],
      use: { ...devices["Desktop Chrome"], storageState: ADMIN_STORAGE_STATE },
      dependencies: ["setup"],
    },
  ],
  webServer: {
    // `exec` so that stopping the server stops next itself (npx would leave it orphaned). Node closes
    // an idle keep-alive socket after 5 s by default; a test's API request context that sends on
    // such a socket just as the server closes it gets ECONNRESET ("socket hang up"). A keep-alive
    // timeout longer than any test keeps the server from closing sockets its clients still hold.
    // Node's header limit as `npm start` sets it, above the proxy's own (lib/proxy/request-size.ts).
    command: `exec node --max-http-header-size=65536 ./server.mjs -p ${E2E_PORT} --keepAliveTimeout 130000`,
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: {
      LATCHKEY_DATA_DIR: dataDir ?? "",
      // Always the embedded database, even when the calling shell has one configured.
      DATABASE_URL: "",
      LATCHKEY_URL: BASE_URL,
      LATCHKEY_API_KEY: API_KEY,
      LATCHKEY_ADMIN_EMAIL: ADMIN_EMAIL,
      LATCHKEY_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LATCHKEY_MASTER_KEY: E2E_MASTER_KEY,
      AUTH_SECRET: E2E_AUTH_SECRET,
      LATCHKEY_DEMO: "false",
      LATCHKEY_ALLOW_PRIVATE_NETWORK: "true",
      SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      CRON_SECRET,
      LATCHKEY_REFRESH_SCHEDULER: "false",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
