import "server-only";
import type { Db } from "@/db/client";
import { listConnectionLogs, type ConnectionLogDto } from "@/lib/connections/logs";
import { NotFoundError } from "@/lib/errors";
import type { TenantScope } from "@/lib/tenancy";
import { getInstance } from "./service";

/** The log of one connection of an instance of the scope, newest first (empty until configured). */
export async function instanceConnectionLogs(
  db: Db,
  scope: TenantScope,
  instanceId: string,
  key: string,
  limit: number,
): Promise<ConnectionLogDto[]> {
  const instance = await getInstance(db, scope, instanceId);
  const connection = instance.connections.find((c) => c.key === key);
  if (!connection) throw new NotFoundError(`No connection "${key}" in this instance`);
  if (!connection.credentialId) return [];
  const rows = await listConnectionLogs(db, scope, connection.credentialId, { limit });
  return rows.slice(0, limit).map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
