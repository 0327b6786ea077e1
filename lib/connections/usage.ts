import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { credentials } from "@/db/schema";
import type { LogEntry, LogOwner } from "./logs";

/** Records a use of a credential: a success (green) or a connection error (red, with the reason). */
export async function recordConnectionUse(db: Db, organizationId: string, credentialId: string, error: string | null): Promise<void> {
  const now = new Date();
  await db
    .update(credentials)
    .set(error === null ? { lastUsedAt: now } : { lastFailedAt: now, lastError: error.slice(0, 500) })
    .where(and(eq(credentials.organizationId, organizationId), eq(credentials.id, credentialId)));
}

/**
 * Records a use (as recordConnectionUse) and appends its log entry, in one statement. A success
 * within a minute of the last one, with no failure since, leaves the credential row alone: the
 * runtime API is called in tight loops, and the status it shows is the same.
 */
export async function recordUseWithLog(db: Db, owner: LogOwner, error: string | null, entry: LogEntry): Promise<void> {
  const mark =
    error === null
      ? sql`last_used_at = now() where organization_id = ${owner.organizationId} and id = ${owner.credentialId}
          and (last_used_at is null or last_used_at < now() - interval '1 minute' or (last_failed_at is not null and last_failed_at >= last_used_at))`
      : sql`last_failed_at = now(), last_error = ${error.slice(0, 500)} where organization_id = ${owner.organizationId} and id = ${owner.credentialId}`;
  await db.execute(sql`
    with u as (update credentials set ${mark})
    insert into connection_logs (organization_id, customer_id, credential_id, instance_id, level, event, message, metadata)
    values (${owner.organizationId}, ${owner.customerId}, ${owner.credentialId}, ${owner.instanceId ?? null}, ${entry.level}, ${entry.event}, ${entry.message}, ${JSON.stringify(entry.metadata ?? {})}::jsonb)`);
}

/** Replaces every stored value that appears in a text (a provider may echo one back) with a mask. */
export function redactValues(text: string, values: Record<string, string>): string {
  let out = text;
  for (const value of Object.values(values)) if (value.length >= 4) out = out.split(value).join("•••");
  return out;
}
