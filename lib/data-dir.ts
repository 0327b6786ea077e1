import "server-only";
import { log } from "@/lib/log";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

// The folder of the embedded database and of the secrets generated for development.
export function dataDir(): string {
  const dir = path.resolve(env.LATCHKEY_DATA_DIR);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Reads a secret generated once into the data folder, creating it on first use. Only the embedded
 * default uses this; production takes every secret from the environment.
 */
export function generatedSecret(fileName: string, what: string, consequence: string): string {
  const file = path.join(dataDir(), fileName);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const value = randomBytes(32).toString("base64");
  writeFileSync(file, value + "\n", { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  log.warn(
    `WARNING: generated a development ${what} into ${file}. Set it in the environment for any real deployment; ${consequence}`,
  );
  return value;
}
