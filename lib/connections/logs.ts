import "server-only";
import { and, desc, eq, lt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connectionLogs, type LogLevel } from "@/db/schema";
import type { TenantScope } from "@/lib/tenancy";

// A credential's log, as its readers see it. Rows are written by the one event writer
// (lib/connections/events.ts), never here.

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
