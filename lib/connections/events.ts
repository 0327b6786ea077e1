import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { LogLevel } from "@/db/schema";

// The one event writer of a connection's life. Every change of a credential's status columns
// (last_used_at, last_failed_at, last_error), of its token set's refresh state (failure count,
// re-authorization flag) and every connection log row is written here, in the caller's transaction
// (db or tx), so that what happened and what it changed commit together or not at all. Every form
// (single, batched, and the refresh's fenced commits) goes through eventWrites: a later consumer of
// events (webhook event rows, issue 15; the audit trail, issue 20) is one more CTE there, reading
// `ev`, and so is written in the same statement and transaction as the change, whichever form.

/** What happened, in the connection log's words (connection_logs.event). */
export type ConnectionEventName =
  | "configured"
  | "updated"
  | "authorize started"
  | "callback received"
  | "callback refused"
  | "authorization failed"
  | "token exchanged"
  | "token exchange failed"
  | "token request failed"
  | "customer authorization complete"
  | "authorization link sent"
  | "authorization link revoked"
  | "refreshed"
  | "refresh failed"
  | "re-authorization needed"
  | "more scopes needed"
  | "used"
  | "use failed"
  | "proxied"
  | "proxy failed"
  | "test passed"
  | "test failed"
  | "disconnected"
  | "revoked"
  | "revocation failed";

/** Whose event it is: the credential, and the instance whose connection it is where there is one. */
export type EventSubject = {
  organizationId: string;
  customerId: string | null;
  credentialId: string;
  /** Left out: the instance that owns the credential, or the only one bound to it (none for a shared one). */
  instanceId?: string | null;
};

/**
 * One event. `message` and `metadata` are for people and never hold a secret (statuses, scopes,
 * ids, URLs without credentials). `outcome` is what the event says about the connection's status:
 * a successful use turns it green, a failed one red with `reason`; events without one change nothing.
 */
export type ConnectionEvent = EventSubject & {
  name: ConnectionEventName;
  level: LogLevel;
  message: string;
  metadata?: Record<string, unknown>;
  outcome?: { ok: true } | { ok: false; reason: string };
};

const REASON_MAX = 500;

/**
 * The events as a relation with the columns eventWrites reads (ord keeps their order), for a caller
 * that joins them to rows of its own statement (the refresh commit joins them to its fenced update).
 */
export function eventRows(events: ConnectionEvent[]): SQL {
  const rows = events.map((e) => ({
    organization_id: e.organizationId,
    customer_id: e.customerId,
    credential_id: e.credentialId,
    instance_id: e.instanceId ?? null,
    level: e.level,
    event: e.name,
    message: e.message,
    metadata: e.metadata ?? {},
    outcome: e.outcome ? (e.outcome.ok ? "ok" : "failed") : null,
    error: e.outcome && !e.outcome.ok ? e.outcome.reason.slice(0, REASON_MAX) : null,
  }));
  return sql`(select r.*, o.ord from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) with ordinality as o(doc, ord),
    jsonb_to_record(o.doc) as r(organization_id uuid, customer_id uuid, credential_id uuid, instance_id uuid, level text,
      event text, message text, metadata jsonb, outcome text, error text))`;
}

// The instance an event names when its writer gave none: the instance whose wizard made the
// credential, or the only instance bound to it; a credential shared by several names none.
const instanceOf = (e: string) =>
  sql.raw(`(select (array_agg(ic.instance_id order by ic.owns_credential desc))[1] from instance_connections ic
    where ic.organization_id = ${e}.organization_id and ic.credential_id = ${e}.credential_id
    having bool_or(ic.owns_credential) or count(*) = 1)`);

/**
 * The writes of a relation of events (the columns of eventRows), as CTEs to put in a `with` list:
 * each credential's status follows the last of its events that has an outcome, and every event
 * becomes a log row, in order (clock_timestamp() grows from row to row where now() would not).
 * `quietRepeats` leaves a credential alone for a success within a minute of the last one with no
 * failure since: the runtime hand-over repeats in tight loops.
 */
export function eventWrites(relation: SQL, o: { quietRepeats?: boolean } = {}): SQL {
  const quiet = o.quietRepeats
    ? sql`and (m.failed or c.last_used_at is null or c.last_used_at < now() - interval '1 minute'
        or (c.last_failed_at is not null and c.last_failed_at >= c.last_used_at))`
    : sql``;
  return sql`ev as (select * from ${relation} e),
    ev_marks as (select distinct on (credential_id) organization_id, credential_id, outcome = 'failed' as failed, error
      from ev where outcome is not null order by credential_id, ord desc),
    ev_status as (update credentials c set
        last_used_at = case when m.failed then c.last_used_at else now() end,
        last_failed_at = case when m.failed then now() else c.last_failed_at end,
        last_error = case when m.failed then m.error else c.last_error end
      from ev_marks m where c.organization_id = m.organization_id and c.id = m.credential_id ${quiet}),
    ev_logs as (insert into connection_logs (organization_id, customer_id, credential_id, instance_id, level, event, message, metadata, created_at)
      select organization_id, customer_id, credential_id, coalesce(instance_id, ${instanceOf("ev")}), level, event, message, metadata, clock_timestamp()
      from ev order by ord)`;
}

/** Records events in one statement, in the caller's transaction: the batched form. */
export async function recordEvents(db: Db, events: ConnectionEvent[], o: { quietRepeats?: boolean } = {}) {
  if (events.length === 0) return;
  await db.execute(sql`with ${eventWrites(eventRows(events), o)} select 1`);
}

/** Records one event, in the caller's transaction: the single form. */
export function recordEvent(db: Db, event: ConnectionEvent): Promise<void> {
  return recordEvents(db, [event]);
}

// A token set's refresh state, as the columns of the statement that writes the token set (the
// refresh commit fences them on its lease, a new authorization replaces the whole row).

/** After a successful refresh: no failures, refreshing goes on. */
export const refreshSucceededState = sql`consecutive_failures = 0, needs_reauthorization = false, last_refreshed_at = now()`;

/** After a failed refresh: one more failure; `reauthorize` stops refreshing until CONNECT. */
export const refreshFailedState = (reauthorize: boolean) =>
  sql`consecutive_failures = consecutive_failures + 1, needs_reauthorization = ${reauthorize}`;

/** A new authorization starts with a clean refresh state. */
export const authorizedState = {
  consecutiveFailures: 0 as const,
  needsReauthorization: false as const,
  stepUpScopes: [] as string[],
};
