import { fieldNeedsValue, type ConnectionField } from "@/lib/connection-types/definition";

type Field = Pick<ConnectionField, "key" | "label" | "required" | "default">;

/** The labels of required fields that are not set (a default counts as set). */
export function missingFields(fields: readonly Field[], fieldsSet: readonly string[]): string[] {
  return fields.filter((f) => fieldNeedsValue(f) && !fieldsSet.includes(f.key)).map((f) => f.label);
}

/** Complete when every required field is set. */
export function fieldsComplete(fields: readonly Field[], fieldsSet: readonly string[]) {
  const missing = missingFields(fields, fieldsSet);
  return missing.length > 0
    ? { complete: false, reason: `Missing ${missing.join(", ")}` }
    : { complete: true, reason: null };
}

/** The well-known fields a kind needs, each a definition issue when the type lacks it. */
export function missingWellKnown(kindName: string, needed: readonly string[], keys: ReadonlySet<string>) {
  return needed
    .filter((k) => !keys.has(k))
    .map((k) => ({ path: "fields", message: `An ${kindName} type needs a ${k} field` }));
}
