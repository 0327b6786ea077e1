import "server-only";
import type { Db } from "@/db/client";
import type { ConnectionField } from "@/lib/connection-types/definition";
import type { TenantScope } from "@/lib/tenancy";
import { readCredentialValues } from "./secrets";

// The stored values of a credential's non-secret fields, so that the screens (an instance's wizard,
// a credential's Values tab) show what is saved (a tenant id, a host, a base URL) as an editable
// value instead of a blank "currently set". Secret fields never leave this function: they stay
// write-only, whoever asks.

/** Whether a field's stored value may be shown to whoever may set it: never a secret or a password. */
export function isPlainField(f: Pick<ConnectionField, "secret" | "type">): boolean {
  return !f.secret && f.type !== "password";
}

type Fields = readonly Pick<ConnectionField, "key" | "secret" | "type">[];

/**
 * Which of `fields` a credential itself holds (its keys, never a secret value), and the stored values
 * of the plain ones among them.
 */
export async function storedFields(
  db: Db,
  scope: TenantScope,
  credentialId: string,
  fields: Fields,
): Promise<{ keys: string[]; plain: Record<string, string> }> {
  if (fields.length === 0) return { keys: [], plain: {} };
  const { values } = await readCredentialValues(db, scope, credentialId);
  const held = fields.filter((f) => Object.hasOwn(values, f.key));
  return {
    keys: held.map((f) => f.key),
    plain: Object.fromEntries(held.filter(isPlainField).map((f) => [f.key, values[f.key]!])),
  };
}

/** The non-secret stored values of a credential among `keys`; nothing else is returned. */
export async function storedPlainValues(
  db: Db,
  scope: TenantScope,
  credentialId: string,
  type: { fields: Fields },
  keys: readonly string[],
): Promise<Record<string, string>> {
  const plain = type.fields.filter((f) => isPlainField(f) && keys.includes(f.key));
  if (plain.length === 0) return {};
  return (await storedFields(db, scope, credentialId, plain)).plain;
}
