// Server log lines. Errors are reduced to name, message, code and stack: database drivers attach the
// query's parameters to their errors, and those may hold secrets.

/** Logs an unexpected error without its attached data. */
export function logUnexpected(context: string, error: unknown): void {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    console.error(`[latchkey] ${context}: ${error.name}: ${error.message}${code ? ` (code ${String(code)})` : ""}\n${error.stack ?? ""}`);
  } else {
    console.error(`[latchkey] ${context}: a non-error value was thrown`);
  }
}
