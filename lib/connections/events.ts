import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { fixedStatement } from "@/db/prepared";
import { rowsOf } from "@/db/rows";
import type { LogLevel } from "@/db/schema";
import { connectionEventTypes } from "@/lib/webhooks/event-types";
import { kickIfQueued, queuedDeliveries, webhookEventWrites } from "@/lib/webhooks/event-writes";
import { statusCaseOver, statusReasonCaseOver } from "./status-sql";
import { currentRequestId } from "@/lib/request-context";

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
  /** The request it happened in; left out: the request being served (a batched writer passes its caller's). */
  requestId?: string | null;
};

const REASON_MAX = 500;

/**
 * The events as a relation with the columns eventWrites reads (ord keeps their order), for a caller
 * that joins them to rows of its own statement (the refresh commit joins them to its fenced update).
 */
export function eventRows(events: ConnectionEvent[]): SQL {
  return eventRowsFrom(eventRowsJson(events));
}

/** The events as the one JSON value eventRowsFrom reads (a prepared statement's parameter). */
export function eventRowsJson(events: ConnectionEvent[]): string {
  const served = currentRequestId() ?? null;
  return JSON.stringify(
    events.map((e) => ({
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
      request_id: e.requestId === undefined ? served : e.requestId,
    })),
  );
}

/** The events of eventRowsJson's value (or a placeholder for it) as a relation, in their order. */
export function eventRowsFrom(json: unknown): SQL {
  return sql`(select r.*, o.ord from jsonb_array_elements(${json}::jsonb) with ordinality as o(doc, ord),
    jsonb_to_record(o.doc) as r(organization_id uuid, customer_id uuid, credential_id uuid, instance_id uuid, level text,
      event text, message text, metadata jsonb, outcome text, error text, request_id text))`;
}

// The instance an event names when its writer gave none: the instance whose wizard made the
// credential, or the only instance bound to it; a credential shared by several names none.
const instanceOf = (e: string) =>
  sql.raw(`(select (array_agg(ic.instance_id order by ic.owns_credential desc))[1] from instance_connections ic
    where ic.organization_id = ${e}.organization_id and ic.credential_id = ${e}.credential_id
    having bool_or(ic.owns_credential) or count(*) = 1)`);

/**
 * Restates a join on `credentials` as a key lookup the planner can see. A statement's events come
 * from a JSON parameter, which the planner takes for 100 rows whatever it holds; joined to a table
 * of a few thousand credentials, it scans the whole table (a table scan per commit, growing with
 * the table until an index lookup per row looks cheaper). A key list from a subquery is taken for
 * ten, so the primary key is read for the few rows there are.
 */
export const fewCredentials = (from: string, alias = "c", column = "id") =>
  sql.raw(`and ${alias}.${column} = any(array(select credential_id from ${from}))`);

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
    ev_marks as (select distinct on (credential_id) organization_id, credential_id, instance_id, ord, outcome = 'failed' as failed, error
      from ev where outcome is not null order by credential_id, ord desc),
    ev_status as (update credentials c set
        last_used_at = case when m.failed then c.last_used_at else now() end,
        last_failed_at = case when m.failed then now() else c.last_failed_at end,
        last_error = case when m.failed then m.error else c.last_error end
      from ev_marks m where c.organization_id = m.organization_id and c.id = m.credential_id ${fewCredentials("ev_marks")} ${quiet}
      returning c.id, c.last_used_at, c.last_failed_at, c.last_error),
    ev_logs as (insert into connection_logs (organization_id, customer_id, credential_id, instance_id, level, event, message, metadata, request_id, created_at)
      select organization_id, customer_id, credential_id, coalesce(instance_id, ${instanceOf("ev")}), level, event, message, metadata, request_id, clock_timestamp()
      from ev order by ord),
    ${contractEventWrites()}`;
}

const typeOfLogEvent = sql.raw(
  `(case event ${Object.entries(connectionEventTypes)
    .map(([name, type]) => `when '${name}' then '${type}'`)
    .join(" ")} end)`,
);

// The credential's columns after this statement: ev_status's where it changed them, else as read.
const after = (col: string) => sql.raw(`(case when s.id is not null then s.${col} else c.${col} end)`);
const statusAfter = {
  complete: sql`c.complete`,
  lastUsedAt: after("last_used_at"),
  lastFailedAt: after("last_failed_at"),
};

/**
 * The contract's connection events (API.md, Webhooks) of `ev`: the log events that are one, and
 * `connection.recovered` for a credential whose last outcome is a success while it stood failed
 * (`credentials` as read by the statement, before ev_status). Their data names the instance, its
 * integration, the customer and the connection with its status after the change; never a secret.
 */
function contractEventWrites(): SQL {
  const failedBefore = sql`c0.last_failed_at is not null and (c0.last_used_at is null or c0.last_failed_at >= c0.last_used_at)`;
  const data = sql`jsonb_build_object(
      'instance', case when i.id is null then null else jsonb_build_object('id', i.id, 'name', i.name) end,
      'integration', case when ig.id is null then null else jsonb_build_object('id', ig.id, 'name', ig.name) end,
      'customer', case when cu.id is null then null else jsonb_build_object('id', cu.id, 'name', cu.name, 'externalId', cu.external_id) end,
      'connection', jsonb_build_object('key', cv.key, 'label', cv.label, 'configVarId', cv.id,
        'connectionType', coalesce(cv.connection_type, c.auth_method), 'credentialId', c.id,
        'status', ${statusCaseOver(statusAfter)},
        'reason', ${statusReasonCaseOver({ ...statusAfter, incompleteReason: sql`c.incomplete_reason`, lastError: after("last_error") })}))`;
  const relation = sql`(select t.organization_id, t.type, ${data} as data, t.ord from (
      select organization_id, credential_id, coalesce(instance_id, ${instanceOf("ev")}) as instance_id, ${typeOfLogEvent} as type, ord * 2 as ord from ev
      union all
      select m.organization_id, m.credential_id, coalesce(m.instance_id, ${instanceOf("m")}), 'connection.recovered', m.ord * 2 + 1
      from ev_marks m join credentials c0 on c0.organization_id = m.organization_id and c0.id = m.credential_id
        ${fewCredentials("ev_marks", "c0")}
      where not m.failed and ${failedBefore}) t
    join credentials c on c.organization_id = t.organization_id and c.id = t.credential_id ${fewCredentials("ev")}
    left join ev_status s on s.id = c.id
    left join instances i on i.organization_id = t.organization_id and i.id = t.instance_id
    left join lateral (select ic.config_variable_id from instance_connections ic
      where ic.instance_id = i.id and ic.credential_id = c.id order by ic.created_at limit 1) ic on true
    left join config_variables cv on cv.organization_id = t.organization_id and cv.id = ic.config_variable_id
    left join integrations ig on ig.organization_id = t.organization_id and ig.id = i.integration_id
    left join customers cu on cu.organization_id = t.organization_id and cu.id = coalesce(i.customer_id, c.customer_id)
    where t.type is not null)`;
  return webhookEventWrites(relation);
}

// The event writer's statement, for each choice of quietRepeats: fixed texts, the events one parameter.
const recordStatement = (quietRepeats: boolean) =>
  fixedStatement<{ events: string }>(
    () =>
      sql`with ${eventWrites(eventRowsFrom(sql.placeholder("events")), { quietRepeats })} select ${queuedDeliveries} as "queuedDeliveries"`,
  );
export const recordStatements = { quiet: recordStatement(true), loud: recordStatement(false) };

/** Records events in one statement, in the caller's transaction: the batched form. */
export async function recordEvents(db: Db, events: ConnectionEvent[], o: { quietRepeats?: boolean } = {}) {
  if (events.length === 0) return;
  const statement = o.quietRepeats ? recordStatements.quiet : recordStatements.loud;
  const result = await statement(db, { events: eventRowsJson(events) });
  kickIfQueued(rowsOf(result));
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
