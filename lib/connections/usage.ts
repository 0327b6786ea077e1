import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { credentials } from "@/db/schema";
import { groupWriter } from "@/lib/group-write";
import type { LogEntry, LogOwner } from "./logs";

/** Records a use of a credential: a success (green) or a connection error (red, with the reason). */
export async function recordConnectionUse(
  db: Db,
  organizationId: string,
  credentialId: string,
  error: string | null,
): Promise<void> {
  const now = new Date();
  await db
    .update(credentials)
    .set(error === null ? { lastUsedAt: now } : { lastFailedAt: now, lastError: error.slice(0, 500) })
    .where(and(eq(credentials.organizationId, organizationId), eq(credentials.id, credentialId)));
}

type Use = { owner: LogOwner; error: string | null; entry: LogEntry };
const writers = new WeakMap<Db, (use: Use) => Promise<void>>();

/**
 * Records a use (as recordConnectionUse) and appends its log entry. The runtime API calls this on
 * every hand-over, often in tight loops: uses that arrive while a write is in flight are written
 * together by the next statement (the caller still waits until its own entry is stored). A success
 * within a minute of the last one, with no failure since, leaves the credential row alone.
 */
export function recordUseWithLog(db: Db, owner: LogOwner, error: string | null, entry: LogEntry): Promise<void> {
  let write = writers.get(db);
  if (!write) {
    write = groupWriter(async (uses: Use[]) => {
      await writeUses(db, uses);
      return uses.map(() => undefined);
    });
    writers.set(db, write);
  }
  return write({ owner, error, entry });
}

async function writeUses(db: Db, uses: Use[]): Promise<void> {
  const logs = uses.map(({ owner, entry }) => ({
    organization_id: owner.organizationId,
    customer_id: owner.customerId,
    credential_id: owner.credentialId,
    instance_id: owner.instanceId ?? null,
    level: entry.level,
    event: entry.event,
    message: entry.message,
    metadata: entry.metadata ?? {},
  }));
  // A credential's status follows the last of its uses in the batch; its log keeps their order
  // (clock_timestamp() grows from row to row where now() would not).
  const marks = new Map<
    string,
    { organization_id: string; credential_id: string; failed: boolean; error: string | null }
  >();
  for (const { owner, error } of uses)
    marks.set(owner.credentialId, {
      organization_id: owner.organizationId,
      credential_id: owner.credentialId,
      failed: error !== null,
      error: error?.slice(0, 500) ?? null,
    });
  await db.execute(sql`
    with m as (
      select * from jsonb_to_recordset(${JSON.stringify([...marks.values()])}::jsonb) as m(organization_id uuid, credential_id uuid, failed boolean, error text)),
    u as (
      update credentials c set
        last_used_at = case when m.failed then c.last_used_at else now() end,
        last_failed_at = case when m.failed then now() else c.last_failed_at end,
        last_error = case when m.failed then m.error else c.last_error end
      from m where c.organization_id = m.organization_id and c.id = m.credential_id
        and (m.failed or c.last_used_at is null or c.last_used_at < now() - interval '1 minute' or (c.last_failed_at is not null and c.last_failed_at >= c.last_used_at)))
    insert into connection_logs (organization_id, customer_id, credential_id, instance_id, level, event, message, metadata, created_at)
    select organization_id, customer_id, credential_id, instance_id, level, event, message, metadata, clock_timestamp()
    from jsonb_to_recordset(${JSON.stringify(logs)}::jsonb) as l(organization_id uuid, customer_id uuid, credential_id uuid, instance_id uuid, level text, event text, message text, metadata jsonb)`);
}

/** Replaces every stored value that appears in a text (a provider may echo one back) with a mask. */
export function redactValues(text: string, values: Record<string, string>): string {
  let out = text;
  for (const value of Object.values(values)) if (value.length >= 4) out = out.split(value).join("•••");
  return out;
}
