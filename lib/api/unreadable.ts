// Input that no field of the API can hold: a NUL byte (PostgreSQL text refuses it, which surfaced
// as a 500) anywhere in a path segment, a query value or the JSON body, keys included. Other
// control characters are refused by the schemas of the fields that cannot hold them.

const NUL = "\u0000";
const MAX_DEPTH = 64;

/** {"path.to.field": message} for every string or key that holds NUL. */
export function unreadableFields(value: unknown): Record<string, string> {
  // A Map: the paths are the user's keys (`__proto__` included).
  const fields = new Map<string, string>();
  walk(value, [], fields, 0);
  return Object.fromEntries(fields);
}

function walk(value: unknown, path: string[], fields: Map<string, string>, depth: number): void {
  const at = path.join(".") || "(root)";
  if (typeof value === "string") {
    if (value.includes(NUL)) fields.set(at, "Remove the NUL byte (\\u0000) from this value");
    return;
  }
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") return;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes(NUL))
      fields.set([...path, key.replaceAll(NUL, "\\u0000")].join("."), "Remove the NUL byte (\\u0000) from this key");
    else walk(inner, [...path, key], fields, depth + 1);
  }
}
