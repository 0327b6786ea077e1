import "server-only";
import { log } from "@/lib/log";
import { databaseKind, getDb } from "@/db/client";
import { env } from "@/lib/env";
import { authSecret } from "@/lib/auth/secret";
import { loadKeyring } from "@/lib/crypto/master-key";
import { startupReport } from "@/lib/startup-checks";

/** Checks the configuration and prepares the database; exits with a clear message when it cannot. */
export async function startServer(): Promise<void> {
  try {
    const report = startupReport(env);
    if (report.errors.length > 0) throw new Error(report.errors.join("\n"));
    for (const line of report.warnings) log.warn(`${line}`);
    for (const line of report.notices) log.warn(`${line}`);
    loadKeyring();
    authSecret();
    const db = await getDb();
    await carryCustomTypesOver(db);
    await cleanHiddenDefaults(db);
    if (env.sandboxOAuth) await startSandbox(db);
    const { offerFirstAdminSetup, retireDemoPassword } = await import("@/lib/setup/first-admin");
    if (env.isProduction) await retireDemoPassword(db);
    await offerFirstAdminSetup(db, env.baseUrl);
    if (env.refreshScheduler) {
      const { startRefreshScheduler } = await import("@/lib/refresh/scheduler");
      startRefreshScheduler(db);
    }
    log.info(`Ready on ${env.baseUrl} with ${await databaseKind()} (${env.mode} mode)`);
  } catch (error) {
    log.fatal(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

/** The demo's sandbox OAuth provider and the data that uses it; a busy port only costs the sandbox. */
async function startSandbox(db: Awaited<ReturnType<typeof getDb>>): Promise<void> {
  // Belt and braces beside lib/env.ts: the sandbox publishes its client secrets.
  if (env.isProduction) throw new Error("The sandbox OAuth provider runs only in the demo (LATCHKEY_DEMO=true)");
  const [{ startSandboxProvider }, { sandboxDemoClients }, { seedSandboxDemo }] = await Promise.all([
    import("@/lib/sandbox-provider"),
    import("@/lib/sandbox-provider/demo"),
    import("@/lib/sandbox-provider/seed"),
  ]);
  try {
    const provider = await startSandboxProvider({
      port: env.SANDBOX_OAUTH_PORT,
      clients: sandboxDemoClients(env.baseUrl),
    });
    log.info(`Sandbox OAuth 2.0 provider on ${provider.url} (sign in there with any login and password)`);
  } catch (error) {
    log.warn(
      `The sandbox OAuth provider did not start on port ${env.SANDBOX_OAUTH_PORT}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  await seedSandboxDemo(db);
}

/** Carries custom connection types over to the one registry of types (lib/connection-types/upgrade). */
async function carryCustomTypesOver(db: Awaited<ReturnType<typeof getDb>>): Promise<void> {
  const { carryCustomTypesOver } = await import("@/lib/connection-types/upgrade");
  const { runDataUpgradeOnce } = await import("@/lib/upgrades/once");
  const outcome = await runDataUpgradeOnce(db, "one-registry-of-connection-types", () => carryCustomTypesOver(db));
  for (const r of outcome?.renamed ?? [])
    log.warn(
      `custom connection type "${r.from}" of organization ${r.organizationId} is now "${r.to}": "${r.from}" is a built-in auth method`,
    );
}

/** Drops copies of hidden defaults that wizard-made credentials held before issue 13 (lib/credentials/hidden-defaults-cleanup). */
async function cleanHiddenDefaults(db: Awaited<ReturnType<typeof getDb>>): Promise<void> {
  const { dropCopiedHiddenDefaults } = await import("@/lib/credentials/hidden-defaults-cleanup");
  const { runDataUpgradeOnce } = await import("@/lib/upgrades/once");
  const outcome = await runDataUpgradeOnce(db, "drop-copied-hidden-defaults", () => dropCopiedHiddenDefaults(db));
  if (!outcome) return;
  if (outcome.rewritten > 0)
    log.info(
      `${outcome.rewritten} wizard-made credential(s) no longer hold copies of their integration's hidden defaults`,
    );
  // Set by an organization key, or by a customer before the fix: worth a look. Ids only, never a value.
  if (outcome.differing.length > 0)
    log.warn(
      `hidden values that differ from their integration's default are held by credential(s) ${outcome.differing.join(", ")}; review them`,
    );
}
