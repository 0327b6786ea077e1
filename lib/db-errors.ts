// Recognises database errors by SQLSTATE, the same on postgres.js and PGlite.

/** Whether an error (or its cause) is a unique violation, optionally of one constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const {
      code,
      constraint_name,
      constraint: c,
    } = e as { code?: string; constraint_name?: string; constraint?: string };
    if (code === "23505") return !constraint || constraint_name === constraint || c === constraint;
  }
  return false;
}

/**
 * Whether the database refused a value's characters (NUL in text: 22021 on PostgreSQL, 22P05 on
 * some paths). The edges refuse them first; this is the net for a value that slipped through.
 */
export function isUnstorableCharacter(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code } = e as { code?: string };
    if (code === "22021" || code === "22P05") return true;
  }
  return false;
}
