// What the logger never writes. A key is secret when its name says so, whatever its depth and
// spelling (client_secret, clientSecret, X-Api-Key): the fields of every auth method and connection
// type (lib/log.test.ts feeds them all through), tokens, keys, signatures, cookies and
// authorization headers. `values` and `headers` objects are a credential's values or a request's
// headers: they are dropped whole.

const SECRET_NAME =
  /secret|passw|token|apikey|privatekey|accesskey|authorization|cookie|signature|ciphertext|assertion|verifier|^code$/;
const DROPPED_WHOLE = new Set(["values", "headers", "tokens", "body"]);
export const REDACTED = "[redacted]";

const normalized = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Whether a field of this name may hold a secret. */
export function isSecretKey(key: string): boolean {
  const name = normalized(key);
  return SECRET_NAME.test(name) || DROPPED_WHOLE.has(name);
}

/** A copy of `value` with every secret-named field replaced (objects and arrays, any depth). */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (depth > 8 || value === null || typeof value !== "object" || value instanceof Date || value instanceof Error)
    return value;
  if (Array.isArray(value)) return value.map((v: unknown) => redactSecrets(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = isSecretKey(key) && v !== null && v !== undefined ? REDACTED : redactSecrets(v, depth + 1);
  }
  return out as T;
}
