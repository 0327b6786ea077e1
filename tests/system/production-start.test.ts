import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "./servers";

// M4 and M3 against real `next start` servers: production refuses to start without its secrets,
// seeds no known password on the embedded database either and offers a one-time setup link; the
// demo says what it is on the sign-in page.

const started: AppServer[] = [];
const folders: string[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});
function dataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "latchkey-system-start-"));
  folders.push(dir);
  return dir;
}

describe("next start", () => {
  it("refuses to start in production without its secrets, naming each and how to make it", async () => {
    const failure = await startAppServer({
      DATABASE_URL: "",
      LATCHKEY_DATA_DIR: dataDir(),
      LATCHKEY_MASTER_KEY: "",
      AUTH_SECRET: "",
      CRON_SECRET: "",
    }).then(
      (server) => {
        started.push(server);
        return "it started";
      },
      (error: unknown) => String(error),
    );
    expect(failure).toMatch(/refuses to start in production without LATCHKEY_MASTER_KEY, AUTH_SECRET, CRON_SECRET/);
    expect(failure).toContain("openssl rand -base64 32");
  });

  it("on the embedded database in production: no demo password, no banner, a setup link in the log that opens the setup form", async () => {
    const server = await startAppServer({
      DATABASE_URL: "",
      LATCHKEY_DATA_DIR: dataDir(),
      LATCHKEY_ALLOW_PRIVATE_NETWORK: "",
    });
    started.push(server);
    const link = new RegExp(`${server.url}/setup/([A-Za-z0-9_-]{43})`).exec(server.output());
    expect(link, server.output()).not.toBeNull();
    expect(server.output()).not.toMatch(/DEMO MODE/);
    const signIn = await (await fetch(`${server.url}/sign-in`)).text();
    expect(signIn).not.toContain("latchkey-demo");
    expect(signIn).not.toContain("Demo mode");
    const setup = await fetch(`${server.url}/setup/${link![1]}`);
    expect(setup.status).toBe(200);
    expect(setup.headers.get("referrer-policy")).toBe("same-origin");
    expect(await setup.text()).toContain("Create the first administrator");
    expect(await (await fetch(`${server.url}/setup/${"x".repeat(43)}`)).text()).toContain(
      "This setup link cannot be used",
    );
  });

  it("in the demo: says so in the log and on the sign-in page, with the demo credentials", async () => {
    const server = await startAppServer({
      DATABASE_URL: "",
      LATCHKEY_DATA_DIR: dataDir(),
      LATCHKEY_DEMO: "true",
      LATCHKEY_MASTER_KEY: "",
      AUTH_SECRET: "",
      CRON_SECRET: "",
    });
    started.push(server);
    expect(server.output()).toMatch(/DEMO MODE/);
    const signIn = await (await fetch(`${server.url}/sign-in`)).text();
    expect(signIn).toContain("Demo mode: not for real credentials");
    expect(signIn).toContain("latchkey-demo");
  });
});
