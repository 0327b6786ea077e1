import "server-only";
import { and, desc, eq, lt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connectionLogs, type LogLevel } from "@/db/schema";
import type { TenantScope } from "@/lib/tenancy";

// A credential's log. Callers write what happened in words a person understands; values never go
// in: metadata carries statuses, scopes, ids and the like.

export type LogEntry = { level: LogLevel; event: string; message: string; metadata?: Record<string, unknown> };
export type LogOwner = {
  organizationId: string;
  customerId: string | null;
  credentialId: string;
  instanceId?: string | null;
};

/** Appends an entry to a credential's log. */
export async function appendConnectionLog(db: Db, owner: LogOwner, entry: LogEntry): Promise<void> {
  await db.insert(connectionLogs).values({
    organizationId: owner.organizationId,
    customerId: owner.customerId,
    credentialId: owner.credentialId,
    instanceId: owner.instanceId ?? null,
    level: entry.level,
    event: entry.event,
    message: entry.message,
    metadata: entry.metadata ?? {},
  });
}

/** A credential's log, newest first; the scope limits it to the caller's tenant. */
export async function listConnectionLogs(
  db: Db,
  scope: TenantScope,
  credentialId: string,
  q: { limit: number; before?: { createdAt: Date; id: string } },
) {
  const rows = await db
    .select({
      id: connectionLogs.id,
      level: connectionLogs.level,
      event: connectionLogs.event,
      message: connectionLogs.message,
      metadata: connectionLogs.metadata,
      createdAt: connectionLogs.createdAt,
    })
    .from(connectionLogs)
    .where(
      and(
        eq(connectionLogs.organizationId, scope.organizationId),
        scope.customerId ? eq(connectionLogs.customerId, scope.customerId) : undefined,
        eq(connectionLogs.credentialId, credentialId),
        q.before
          ? or(
              lt(connectionLogs.createdAt, q.before.createdAt),
              and(eq(connectionLogs.createdAt, q.before.createdAt), lt(connectionLogs.id, q.before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(connectionLogs.createdAt), desc(connectionLogs.id))
    .limit(q.limit + 1);
  return rows;
}

export type ConnectionLogDto = {
  id: string;
  level: LogLevel;
  event: string;
  message: string;
  metadata: Record<string, unknown>;
  createdAt: string;
};
