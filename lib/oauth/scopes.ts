// Scopes as Latchkey handles them: typed as a list (spaces, or the type's own separator between
// them), sent joined by the connection type's separator. Control characters are refused outright:
// a line break in a scope could smuggle parameters or headers into what the provider receives.

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Why a scope value cannot be used, or null. */
export function scopeProblem(value: string): string | null {
  return CONTROL.test(value) ? "Scopes cannot contain control characters such as line breaks or tabs" : null;
}

/** The scopes of a value, split on spaces and on the type's separator, without blanks or repeats. */
export function parseScopes(value: string | null | undefined, separator = " "): string[] {
  if (!value) return [];
  const sep = separator.trim();
  const parts = value.split(/ +/).flatMap((part) => (sep ? part.split(sep) : [part]));
  return [...new Set(parts.map((p) => p.trim()).filter(Boolean))];
}

/** The scope parameter the provider expects. */
export function joinScopes(scopes: string[], separator = " "): string {
  return scopes.join(separator || " ");
}
