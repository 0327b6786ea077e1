// npm run keys:rotate [-- --generate]
// Re-wraps every tenant data key under the current master key. Stored values are not touched.
//
// Production: set LATCHKEY_MASTER_KEY to the new key and LATCHKEY_PREVIOUS_MASTER_KEYS to the old
// one(s) on every server and here, run this, then drop the previous keys. Servers keep running.
// Embedded default: stop the server (PGlite allows one process), then `npm run keys:rotate -- --generate`
// makes a new key in the data folder, re-wraps, and forgets the old key.
import { randomBytes } from "node:crypto";
import { appendFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { closeDb, getDb } from "@/db/client";
import { env } from "@/lib/env";
import { dataDir } from "@/lib/data-dir";
import { DEV_MASTER_KEY_FILE, DEV_PREVIOUS_MASTER_KEYS_FILE, loadKeyring, resetKeyring } from "@/lib/crypto/master-key";
import { rewrapTenantKeys } from "@/lib/crypto/rotate";

async function main() {
  const generate = process.argv.includes("--generate");
  const previousFile = path.join(dataDir(), DEV_PREVIOUS_MASTER_KEYS_FILE);
  if (generate) {
    if (env.LATCHKEY_MASTER_KEY)
      throw new Error(
        "--generate is for the embedded default's key file; LATCHKEY_MASTER_KEY is set, so rotate by changing it instead",
      );
    const keyFile = path.join(dataDir(), DEV_MASTER_KEY_FILE);
    loadKeyring(); // creates the first key if there is none yet
    const old = readFileSync(keyFile, "utf8").trim();
    appendFileSync(previousFile, old + "\n", { mode: 0o600 });
    writeFileSync(keyFile, randomBytes(32).toString("base64") + "\n", { mode: 0o600 });
    resetKeyring();
  }
  const ring = loadKeyring();
  const db = await getDb();
  const result = await rewrapTenantKeys(db, ring);
  await closeDb();
  console.info(
    `Master key ${ring.current.id}: re-wrapped ${result.rewrapped} data keys, ${result.alreadyCurrent} already current, ${result.failed.length} failed.`,
  );
  for (const f of result.failed) console.error(`  tenant key ${f.id}: ${f.reason}`);
  if (result.failed.length > 0) process.exit(1);
  if (generate) rmSync(previousFile, { force: true });
  console.info(
    generate
      ? "The old key is gone; back up the new .data/master.key."
      : "Every data key is under the current master key; remove LATCHKEY_PREVIOUS_MASTER_KEYS.",
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
