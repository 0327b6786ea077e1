import { createHash, randomBytes } from "node:crypto";

// API keys are long random strings: a fast hash is enough to store them, and lookup is by hash.
const PREFIX = "lk_";

/** A new API key and what is stored of it. */
export function newApiKeyToken(): { token: string; tokenHash: string; tokenPrefix: string } {
  const token = PREFIX + randomBytes(30).toString("base64url");
  return { token, tokenHash: hashApiKeyToken(token), tokenPrefix: displayPrefix(token) };
}

/** The stored hash of an API key. */
export function hashApiKeyToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The part of a key shown in lists, enough to recognise it and useless to an attacker. */
export function displayPrefix(token: string): string {
  return token.slice(0, Math.min(10, Math.floor(token.length / 3)));
}
