// Server log lines. Errors are reduced to name, message, code and stack: database drivers attach the
// query's parameters to their errors, and those may hold secrets.

/** Logs an unexpected error without its attached data. */
export function logUnexpected(context: string, error: unknown): void {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    console.error(
      `[latchkey] ${context}: ${error.name}: ${error.message}${code ? ` (code ${String(code)})` : ""}\n${error.stack ?? ""}`,
    );
  } else {
    console.error(`[latchkey] ${context}: a non-error value was thrown`);
  }
}

/**
 * Logs a security-relevant event (a refused embedded sign-in, a request outside the caller's
 * scope) as one line of key=value pairs. Values are JSON-quoted so that a crafted value cannot
 * forge a log line; callers pass identifiers and reasons only, never a token or a secret.
 */
export function logSecurityEvent(
  event: string,
  fields: Record<string, string | number | boolean | null | undefined> = {},
): void {
  const parts = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  console.warn(`[latchkey] ${event}${parts.length > 0 ? ` ${parts.join(" ")}` : ""}`);
}
