import "server-only";
import { env } from "@/lib/env";
import { generatedSecret } from "@/lib/data-dir";

/** The next-auth secret: AUTH_SECRET, generated into the data folder outside production. */
export function authSecret(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.isProduction) {
    throw new Error("Latchkey refuses to start: AUTH_SECRET is not set. Generate one with `openssl rand -base64 32`.");
  }
  return generatedSecret("auth-secret", "session secret (AUTH_SECRET)", "changing it signs everyone out.");
}
