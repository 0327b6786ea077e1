import { z } from "zod";
import { adminPasswordProblem, DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD } from "@/lib/auth/password-policy";
import { parseTrustedProxies } from "./net/client-address";

// The one place that reads process.env. Everything else imports `env`.
// Unset stays undefined so that a default can depend on the mode.
const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : v === "true" || v === "1"));

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Set by Next: `phase-production-build` while `next build` loads the modules to collect their configuration. */
  NEXT_PHASE: optionalString,
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LATCHKEY_URL: optionalString.pipe(z.url({ message: "LATCHKEY_URL must be an absolute URL" }).optional()),
  DATABASE_URL: optionalString,
  LATCHKEY_DATA_DIR: z.string().default(".data"),
  LATCHKEY_MASTER_KEY: optionalString,
  LATCHKEY_PREVIOUS_MASTER_KEYS: optionalString,
  AUTH_SECRET: optionalString,
  CRON_SECRET: optionalString,
  /** Demo mode (`npm run demo`): sandbox, demo data, generated secrets, private-network URLs. */
  LATCHKEY_DEMO: booleanFlag,
  LATCHKEY_ADMIN_EMAIL: optionalString.pipe(
    z.email({ message: "LATCHKEY_ADMIN_EMAIL must be an e-mail address" }).optional(),
  ),
  LATCHKEY_ADMIN_PASSWORD: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === "" ? undefined : v)),
  LATCHKEY_API_KEY: optionalString.pipe(
    z.string().min(16, "LATCHKEY_API_KEY must be at least 16 characters").optional(),
  ),
  SMTP_URL: optionalString,
  LATCHKEY_ALLOW_PRIVATE_NETWORK: booleanFlag,
  /** Port of the sandbox OAuth 2.0 provider of the demo (scripts/sandbox-provider.ts). */
  LATCHKEY_SANDBOX_OAUTH: booleanFlag,
  SANDBOX_OAUTH_PORT: z.coerce.number().int().min(1).max(65535).default(3101),
  /** Token refresh (lib/refresh): see the README's "Token refresh" section. */
  LATCHKEY_REFRESH_SCHEDULER: booleanFlag,
  LATCHKEY_REFRESH_WINDOW_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  LATCHKEY_REFRESH_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(16),
  LATCHKEY_REFRESH_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LATCHKEY_REFRESH_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(15),
  LATCHKEY_REFRESH_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  LATCHKEY_DEFAULT_EXPIRES_IN_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(3600),
  /** Webhook delivery (lib/webhooks): see the README's "Webhooks" section. */
  LATCHKEY_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(16),
  /** Multiplies the retry schedule (5 s … 12 h); tests shorten it, nothing else should. */
  LATCHKEY_WEBHOOK_RETRY_SCALE: z.coerce.number().min(0.0001).max(100).default(1),
  LATCHKEY_WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(30).default(10),
  /** Rate limits and trusted proxies (lib/net, lib/rate-limit): see the README's "Rate limits" section. */
  LATCHKEY_TRUSTED_PROXIES: optionalString.superRefine((v, ctx) => {
    try {
      parseTrustedProxies(v);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `LATCHKEY_TRUSTED_PROXIES: ${(error as Error).message}` });
    }
  }),
  LATCHKEY_RUNTIME_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(1200),
  LATCHKEY_API_KEY_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(30),
  LATCHKEY_API_KEY_FAILURES_PER_KEY: z.coerce.number().int().min(1).max(1_000_000).default(10),
  /** Operations (lib/log.ts, lib/ops): see the README's "Operating" section. */
  LATCHKEY_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LATCHKEY_LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional()),
  LATCHKEY_REFRESH_OVERDUE_SECONDS: z.coerce.number().int().min(60).max(86_400).default(300),
  LATCHKEY_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),
});

export type Mode = "demo" | "production";

export type Env = z.infer<typeof envSchema> & {
  /** The public base URL, without a trailing slash. */
  baseUrl: string;
  /**
   * `production` is `npm start` (server.mjs, or `next start`) on either database: secrets from the environment, no
   * sandbox, no known password, public https provider URLs only. `demo` is LATCHKEY_DEMO=true
   * (`npm run demo`), and the default of `next dev` and the test runners (NODE_ENV other than
   * production); LATCHKEY_DEMO=false makes those production too.
   */
  mode: Mode;
  isProduction: boolean;
  /** `next build` is loading the modules: no request is served and no secret is needed yet. */
  isBuild: boolean;
  /** Provider URLs on loopback and private ranges: on in the demo; in production only by explicit opt-in. */
  allowPrivateNetwork: boolean;
  /** The demo's sandbox OAuth provider runs in the server process: demo only (on unless switched off). */
  sandboxOAuth: boolean;
  /**
   * The first administrator, created on an empty database: the environment's, or in the demo the
   * published demo account. Unset in production without both variables: a setup link is logged.
   */
  firstAdmin: { email: string; password: string } | undefined;
  /** The refresh routine runs in the server process every minute: on with the embedded database unless switched off. */
  refreshScheduler: boolean;
  /** JSON lines, or readable lines under `next dev` unless LATCHKEY_LOG_FORMAT says otherwise. */
  logFormat: "json" | "pretty";
};

/**
 * Parses an environment (process.env at start; any record in tests). Throws one message listing
 * every problem of the configuration itself; missing production secrets are checked at server start
 * (lib/startup-checks.ts), not here, because `next build` loads this module without them.
 */
export function resolveEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Latchkey cannot start: invalid environment\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const problems: string[] = [];
  const baseUrl = (e.LATCHKEY_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  const mode: Mode = (e.LATCHKEY_DEMO ?? e.NODE_ENV !== "production") ? "demo" : "production";
  const isProduction = mode === "production";
  const allowPrivateNetwork = e.LATCHKEY_ALLOW_PRIVATE_NETWORK ?? !isProduction;
  if (isProduction && e.LATCHKEY_SANDBOX_OAUTH === true) {
    problems.push(
      "LATCHKEY_SANDBOX_OAUTH=true: the sandbox provider publishes its client secrets and runs only in the demo (LATCHKEY_DEMO=true, `npm run demo`)",
    );
  }
  const sandboxOAuth = !isProduction && (e.LATCHKEY_SANDBOX_OAUTH ?? true);
  const refreshScheduler = e.LATCHKEY_REFRESH_SCHEDULER ?? e.DATABASE_URL === undefined;
  if (e.LATCHKEY_REFRESH_LEASE_SECONDS <= e.LATCHKEY_REFRESH_TIMEOUT_SECONDS) {
    problems.push(
      "LATCHKEY_REFRESH_LEASE_SECONDS must be longer than LATCHKEY_REFRESH_TIMEOUT_SECONDS, or two servers could refresh one token",
    );
  }
  const firstAdmin = resolveFirstAdmin(e.LATCHKEY_ADMIN_EMAIL, e.LATCHKEY_ADMIN_PASSWORD, isProduction, problems);
  if (problems.length > 0) throw new Error(`Latchkey cannot start:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  const isBuild = e.NEXT_PHASE === "phase-production-build";
  return {
    ...e,
    baseUrl,
    mode,
    isProduction,
    isBuild,
    allowPrivateNetwork,
    sandboxOAuth,
    refreshScheduler,
    firstAdmin,
    logFormat: e.LATCHKEY_LOG_FORMAT ?? (e.NODE_ENV === "development" ? "pretty" : "json"),
  };
}

function resolveFirstAdmin(
  email: string | undefined,
  password: string | undefined,
  isProduction: boolean,
  problems: string[],
): Env["firstAdmin"] {
  if (!isProduction) return { email: email ?? DEMO_ADMIN_EMAIL, password: password ?? DEMO_ADMIN_PASSWORD };
  if (email === undefined && password === undefined) return undefined;
  if (email === undefined || password === undefined) {
    problems.push(
      `LATCHKEY_ADMIN_EMAIL and LATCHKEY_ADMIN_PASSWORD go together: ${email === undefined ? "LATCHKEY_ADMIN_EMAIL" : "LATCHKEY_ADMIN_PASSWORD"} is missing (or set neither, and open the setup link the server logs)`,
    );
    return undefined;
  }
  const weak = adminPasswordProblem(password, email);
  if (weak) {
    problems.push(
      `LATCHKEY_ADMIN_PASSWORD ${weak}; choose a strong one (e.g. \`openssl rand -base64 18\`) or use the demo (LATCHKEY_DEMO=true)`,
    );
    return undefined;
  }
  return { email, password };
}

export const env: Env = resolveEnv(process.env);
