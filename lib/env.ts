import { z } from "zod";
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
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LATCHKEY_URL: optionalString.pipe(z.url({ message: "LATCHKEY_URL must be an absolute URL" }).optional()),
  DATABASE_URL: optionalString,
  LATCHKEY_DATA_DIR: z.string().default(".data"),
  LATCHKEY_MASTER_KEY: optionalString,
  LATCHKEY_PREVIOUS_MASTER_KEYS: optionalString,
  AUTH_SECRET: optionalString,
  CRON_SECRET: optionalString,
  LATCHKEY_ADMIN_EMAIL: z.email().default("admin@example.com"),
  LATCHKEY_ADMIN_PASSWORD: z.string().min(8).default("latchkey-demo"),
  LATCHKEY_API_KEY: optionalString.pipe(z.string().min(16, "LATCHKEY_API_KEY must be at least 16 characters").optional()),
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
  LATCHKEY_DEFAULT_EXPIRES_IN_SECONDS: z.coerce.number().int().min(60).max(30 * 86_400).default(3600),
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
});

export type Env = z.infer<typeof envSchema> & {
  /** The public base URL, without a trailing slash. */
  baseUrl: string;
  /**
   * Production means a deployment on a real PostgreSQL server under `next start`: secrets must come
   * from the environment. The embedded default (no DATABASE_URL) is the demo and development mode and
   * generates its secrets into the data folder.
   */
  isProduction: boolean;
  /** Provider URLs on loopback and private ranges: allowed outside production unless switched off. */
  allowPrivateNetwork: boolean;
  /** The demo's sandbox OAuth provider runs in the server process: on outside production unless switched off. */
  sandboxOAuth: boolean;
  /** The refresh routine runs in the server process every minute: on with the embedded database unless switched off. */
  refreshScheduler: boolean;
};

function loadEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Latchkey cannot start: invalid environment\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const baseUrl = (e.LATCHKEY_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  const isProduction = e.NODE_ENV === "production" && e.DATABASE_URL !== undefined;
  const allowPrivateNetwork = e.LATCHKEY_ALLOW_PRIVATE_NETWORK ?? !isProduction;
  const sandboxOAuth = e.LATCHKEY_SANDBOX_OAUTH ?? !isProduction;
  const refreshScheduler = e.LATCHKEY_REFRESH_SCHEDULER ?? e.DATABASE_URL === undefined;
  if (e.LATCHKEY_REFRESH_LEASE_SECONDS <= e.LATCHKEY_REFRESH_TIMEOUT_SECONDS) {
    throw new Error("Latchkey cannot start: LATCHKEY_REFRESH_LEASE_SECONDS must be longer than LATCHKEY_REFRESH_TIMEOUT_SECONDS, or two servers could refresh one token");
  }
  return { ...e, baseUrl, isProduction, allowPrivateNetwork, sandboxOAuth, refreshScheduler };
}

export const env: Env = loadEnv();
