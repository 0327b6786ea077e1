import "server-only";
import { env } from "@/lib/env";
import { generatedSecret } from "@/lib/data-dir";

/** The next-auth secret: AUTH_SECRET, generated into the data folder outside production. */
export function authSecret(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  // `next build` evaluates the next-auth options to collect the route's configuration; nothing is
  // signed then, and the server refuses to start without AUTH_SECRET (lib/startup-checks.ts).
  if (env.isBuild) return "next-build-placeholder-never-used-to-sign";
  if (env.isProduction) {
    throw new Error("Latchkey refuses to start: AUTH_SECRET is not set. Generate one with `openssl rand -base64 32`.");
  }
  return generatedSecret("auth-secret", "session secret (AUTH_SECRET)", "changing it signs everyone out.");
}
