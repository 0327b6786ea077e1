import type { Env } from "@/lib/env";

// What a server start refuses or warns about, as plain data so that it is tested without starting
// a server. Pure: lib/startup.ts prints the result and exits on errors.

export type StartupReport = { errors: string[]; warnings: string[]; notices: string[] };

const REQUIRED_SECRETS = [
  [
    "LATCHKEY_MASTER_KEY",
    "the key that encrypts every stored secret; keep a copy, nothing stored can be decrypted without it",
  ],
  ["AUTH_SECRET", "signs the session cookies"],
  ["CRON_SECRET", "the bearer secret of the token refresh route (POST /api/cron/refresh)"],
] as const satisfies readonly (readonly [keyof Env, string])[];

export function startupReport(e: Env): StartupReport {
  const report: StartupReport = { errors: [], warnings: [], notices: [] };
  if (e.isProduction) {
    const missing = REQUIRED_SECRETS.filter(([name]) => !e[name]);
    if (missing.length > 0) {
      report.errors.push(
        [
          `Latchkey refuses to start in production without ${missing.map(([name]) => name).join(", ")}. Set each in the environment:`,
          ...missing.map(([name, what]) => `  ${name}: ${what}. Generate one with \`openssl rand -base64 32\`.`),
          "To try Latchkey without them, run the demo instead: `npm run demo` (or LATCHKEY_DEMO=true), which generates them.",
        ].join("\n"),
      );
    }
    if (e.LATCHKEY_ALLOW_PRIVATE_NETWORK) {
      report.warnings.push(
        "WARNING: LATCHKEY_ALLOW_PRIVATE_NETWORK=true: provider URLs may point at loopback and private addresses over plain http, and client secrets and tokens will be sent there. Use it only for tests on a closed network.",
      );
    }
  } else {
    report.notices.push(
      [
        "DEMO MODE (LATCHKEY_DEMO): the sandbox OAuth provider, demo data with the published admin password, secrets generated into the data folder and provider URLs on private networks over http are on.",
        "  Never use it for real credentials: `npm start` is the production server.",
      ].join("\n"),
    );
  }
  return report;
}
