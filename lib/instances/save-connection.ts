import "server-only";
import type { Db } from "@/db/client";
import { kindOf } from "@/lib/connection-types/kinds";
import { clientCredentialsToken, type ClientCredentialsResult } from "@/lib/oauth/client-credentials";
import type { TenantScope } from "@/lib/tenancy";
import { setInstanceConnection, type Configurer, type ConnectionInput } from "./connections";
import { getInstance, type InstanceConnectionDto } from "./service";

/**
 * Saves a connection of the wizard; a client credentials connection then fetches its token at
 * once, so that a wrong secret or token URL is reported with the save, at its field.
 */
export async function saveInstanceConnection(
  db: Db,
  scope: TenantScope,
  instanceId: string,
  key: string,
  input: ConnectionInput,
  configurer: Configurer,
  userId: string | null,
): Promise<{ connection: InstanceConnectionDto | undefined; token: ClientCredentialsResult | null }> {
  await setInstanceConnection(db, scope, instanceId, key, input, configurer, userId);
  const saved = (await getInstance(db, scope, instanceId)).connections.find((c) => c.key === key);
  if (!saved?.credentialId || !kindOf(saved.kind).traits.fetchesOnSave) return { connection: saved, token: null };
  const token = await clientCredentialsToken(db, scope, { instanceId, configVarKey: key });
  const connection = (await getInstance(db, scope, instanceId)).connections.find((c) => c.key === key);
  return { connection, token };
}
