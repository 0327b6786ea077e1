import "server-only";
import type { Db } from "@/db/client";
import type { ConnectionType } from "@/lib/connection-types/definition";
import { readCredentialValues } from "@/lib/credentials/secrets";
import type { TenantScope } from "@/lib/tenancy";

// The stored values of a connection's non-secret fields, so that the wizard shows what is saved
// (a tenant id, a base URL) as an editable value instead of a blank "currently set". Secret fields
// never leave this function: they stay write-only, whoever asks.

/** The non-secret stored values of a credential among `keys`; nothing else is returned. */
export async function storedPlainValues(
  db: Db,
  scope: TenantScope,
  credentialId: string,
  type: Pick<ConnectionType, "fields">,
  keys: readonly string[],
): Promise<Record<string, string>> {
  const plain = type.fields.filter((f) => !f.secret && f.type !== "password" && keys.includes(f.key));
  if (plain.length === 0) return {};
  const { values } = await readCredentialValues(db, scope, credentialId);
  return Object.fromEntries(plain.flatMap((f) => (Object.hasOwn(values, f.key) ? [[f.key, values[f.key]!]] : [])));
}
