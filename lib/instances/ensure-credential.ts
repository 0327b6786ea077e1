import "server-only";
import type { Db } from "@/db/client";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { instanceWizard, setInstanceConnection } from "./connections";
import type { TenantScope } from "@/lib/tenancy";

/**
 * The credential an instance's OAuth connection authorizes, made from the integration's defaults
 * when the wizard has not been saved yet (the client settings are usually the organization's).
 */
export async function instanceConnectionCredential(
  db: Db,
  scope: TenantScope,
  instanceId: string,
  key: string,
  userId: string | null,
) {
  const find = async () =>
    (await instanceWizard(db, scope, instanceId, "organization")).connections.find((c) => c.key === key);
  let connection = await find();
  if (!connection) throw new NotFoundError(`No connection "${key}" in this instance`);
  // CONNECT would only reach a dead end: say which fields are missing (connect-readiness).
  if (connection.connectBlocked) throw new ValidationError(`${connection.label}: ${connection.connectBlocked}`);
  if (!connection.credentialId) {
    await setInstanceConnection(db, scope, instanceId, key, { values: {} }, "organization", userId);
    connection = (await find())!;
  }
  return { credentialId: connection.credentialId!, label: connection.label, kind: connection.connectionType.kind };
}
