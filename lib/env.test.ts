import { describe, expect, it } from "vitest";
import { resolveEnv } from "./env";
import { startupReport } from "./startup-checks";

// `next start` sets NODE_ENV=production; `npm run demo` adds LATCHKEY_DEMO=true.
const production = { NODE_ENV: "production" } as const;
const secrets = {
  LATCHKEY_MASTER_KEY: "bWFzdGVyLWtleS1tYXN0ZXIta2V5LW1hc3Rlci1rZXk=",
  AUTH_SECRET: "auth-secret-0123456789abcdef",
  CRON_SECRET: "cron-secret-0123456789abcdef",
};

describe("resolveEnv: production and demo modes", () => {
  it("makes next start production on the embedded database too, with no sandbox, no private network and no default admin", () => {
    const e = resolveEnv({ ...production });
    expect(e.mode).toBe("production");
    expect(e.isProduction).toBe(true);
    expect(e.sandboxOAuth).toBe(false);
    expect(e.allowPrivateNetwork).toBe(false);
    expect(e.firstAdmin).toBeUndefined();
    expect(resolveEnv({ ...production, DATABASE_URL: "postgres://x@127.0.0.1/x" }).mode).toBe("production");
  });

  it("turns the demo's conveniences on with LATCHKEY_DEMO=true, the published admin included", () => {
    const e = resolveEnv({ ...production, LATCHKEY_DEMO: "true" });
    expect(e).toMatchObject({
      mode: "demo",
      isProduction: false,
      sandboxOAuth: true,
      allowPrivateNetwork: true,
      firstAdmin: { email: "admin@example.com", password: "latchkey-demo" },
    });
    expect(resolveEnv({ ...production, LATCHKEY_DEMO: "true", LATCHKEY_SANDBOX_OAUTH: "false" }).sandboxOAuth).toBe(
      false,
    );
  });

  it("treats next dev and the test runners as the demo unless LATCHKEY_DEMO=false", () => {
    expect(resolveEnv({ NODE_ENV: "development" }).mode).toBe("demo");
    expect(resolveEnv({ NODE_ENV: "test", LATCHKEY_DEMO: "false" }).mode).toBe("production");
  });

  it("keeps private-network URLs an explicit opt-in in production, and warns about it at start", () => {
    const e = resolveEnv({ ...production, ...secrets, LATCHKEY_ALLOW_PRIVATE_NETWORK: "true" });
    expect(e.allowPrivateNetwork).toBe(true);
    expect(startupReport(e).warnings.join("\n")).toMatch(/LATCHKEY_ALLOW_PRIVATE_NETWORK=true/);
  });

  it("refuses the sandbox provider in production", () => {
    expect(() => resolveEnv({ ...production, LATCHKEY_SANDBOX_OAUTH: "true" })).toThrow(
      /LATCHKEY_SANDBOX_OAUTH=true.*only in the demo/,
    );
  });

  it("refuses the demo password and weak passwords for the production admin, naming the variable and not the value", () => {
    expect(() =>
      resolveEnv({ ...production, LATCHKEY_ADMIN_EMAIL: "ops@example.com", LATCHKEY_ADMIN_PASSWORD: "latchkey-demo" }),
    ).toThrow(/LATCHKEY_ADMIN_PASSWORD is the published demo password/);
    let message = "";
    try {
      resolveEnv({ ...production, LATCHKEY_ADMIN_EMAIL: "ops@example.com", LATCHKEY_ADMIN_PASSWORD: "short-pw" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/LATCHKEY_ADMIN_PASSWORD must be at least 12 characters/);
    expect(message).not.toContain("short-pw");
    expect(() =>
      resolveEnv({
        ...production,
        LATCHKEY_ADMIN_EMAIL: "ops@example.com",
        LATCHKEY_ADMIN_PASSWORD: "aaaaaaaaaaaaaaaa",
      }),
    ).toThrow(/different characters/);
    expect(() => resolveEnv({ ...production, LATCHKEY_ADMIN_EMAIL: "ops@example.com" })).toThrow(
      /LATCHKEY_ADMIN_PASSWORD is missing/,
    );
    expect(
      resolveEnv({
        ...production,
        LATCHKEY_ADMIN_EMAIL: "ops@example.com",
        LATCHKEY_ADMIN_PASSWORD: "k7#Vq2-mXp9!wL4z",
      }).firstAdmin,
    ).toEqual({ email: "ops@example.com", password: "k7#Vq2-mXp9!wL4z" });
  });
});

describe("startupReport: a production start without its secrets", () => {
  it("refuses, naming every missing secret and how to make one", () => {
    const [error] = startupReport(resolveEnv({ ...production })).errors;
    expect(error).toMatch(/refuses to start in production without LATCHKEY_MASTER_KEY, AUTH_SECRET, CRON_SECRET/);
    expect(error).toContain("openssl rand -base64 32");
    expect(error).toContain("npm run demo");
    expect(startupReport(resolveEnv({ ...production, ...secrets, CRON_SECRET: "" })).errors.join()).toMatch(
      /without CRON_SECRET\./,
    );
  });

  it("starts production with its secrets and says nothing about the demo", () => {
    expect(startupReport(resolveEnv({ ...production, ...secrets }))).toEqual({ errors: [], warnings: [], notices: [] });
  });

  it("says in the log that the demo is the demo", () => {
    expect(startupReport(resolveEnv({ ...production, LATCHKEY_DEMO: "true" })).notices.join()).toMatch(/DEMO MODE/);
  });
});
