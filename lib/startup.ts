import "server-only";
import { databaseKind, getDb } from "@/db/client";
import { env } from "@/lib/env";
import { authSecret } from "@/lib/auth/secret";
import { loadKeyring } from "@/lib/crypto/master-key";

/** Checks the configuration and prepares the database; exits with a clear message when it cannot. */
export async function startServer(): Promise<void> {
  try {
    if (env.isProduction && !env.CRON_SECRET) {
      throw new Error("Latchkey refuses to start: CRON_SECRET is not set. Generate one with `openssl rand -base64 32`.");
    }
    loadKeyring();
    authSecret();
    await getDb();
    console.info(`[latchkey] Ready on ${env.baseUrl} with ${await databaseKind()}`);
  } catch (error) {
    console.error(`\n[latchkey] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
