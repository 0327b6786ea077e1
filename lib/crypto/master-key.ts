import "server-only";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { dataDir, generatedSecret } from "@/lib/data-dir";
import { buildKeyring, type Keyring } from "./keyring";

export const DEV_MASTER_KEY_FILE = "master.key";
export const DEV_PREVIOUS_MASTER_KEYS_FILE = "master.key.previous";

let cached: Keyring | undefined;

/**
 * The master keys of this process. Production takes them from the environment and refuses to start
 * without; the embedded default generates one into the data folder, with a warning.
 */
export function loadKeyring(): Keyring {
  if (cached) return cached;
  let current = env.LATCHKEY_MASTER_KEY;
  let previous = env.LATCHKEY_PREVIOUS_MASTER_KEYS;
  if (!current) {
    if (env.isProduction) {
      throw new Error(
        "Latchkey refuses to start: LATCHKEY_MASTER_KEY is not set. Generate one with `openssl rand -base64 32`, " +
          "store it in your secret manager and pass it in the environment.",
      );
    }
    current = generatedSecret(
      DEV_MASTER_KEY_FILE,
      "master key (LATCHKEY_MASTER_KEY)",
      "keep a copy: without it nothing stored can be decrypted.",
    );
    const previousFile = path.join(dataDir(), DEV_PREVIOUS_MASTER_KEYS_FILE);
    if (!previous && existsSync(previousFile)) {
      previous = readFileSync(previousFile, "utf8").split(/\s+/).filter(Boolean).join(",");
    }
  }
  cached = buildKeyring(current, previous);
  return cached;
}

/** Forgets the loaded keyring (after a rotation in the same process, and in tests). */
export function resetKeyring(): void {
  cached = undefined;
}
