import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { fixedStatement } from "@/db/prepared";
import { rowsOf } from "@/db/rows";
import {
  eventRows,
  eventRowsFrom,
  eventRowsJson,
  eventWrites,
  fewCredentials,
  refreshFailedState,
  refreshSucceededState,
  type ConnectionEvent,
} from "@/lib/connections/events";
import { kickIfQueued, queuedDeliveries } from "@/lib/webhooks/event-writes";
import type { Claim } from "./claim";

// Every outcome of a refresh is written in one statement fenced on the lease: the token row is
// changed only while this claim still holds it (CONNECT again, DISCONNECT or an expired lease taken
// over by another server all make the fence fail), and its event (the credential's status and its
// log entry, through lib/connections/events) is written by the same statement, so a crash can never
// leave one without the others.

export type Fenced = { written: boolean };

export type Refreshed = {
  claim: Claim;
  next: {
    tokensCiphertext: string;
    hasRefreshToken: boolean;
    expiresAt: Date | null;
    grantedScopes: string[];
    nextRefreshAt: Date | null;
  };
  log: { message: string; metadata: Record<string, unknown> };
};

// The group commit's statement, built once: the token rows and their events are its two parameters.
export const commitStatement = fixedStatement<{ rows: string; events: string }>(
  () => sql`
    with v as (
      select * from jsonb_to_recordset(${sql.placeholder("rows")}::jsonb) as v(credential_id uuid, holder text, ciphertext text, has_refresh_token boolean,
        expires_at timestamptz, scopes jsonb, next_refresh_at timestamptz)),
    t as (
      update credential_tokens ct set tokens_ciphertext = v.ciphertext, has_refresh_token = v.has_refresh_token, expires_at = v.expires_at,
        granted_scopes = array(select jsonb_array_elements_text(v.scopes)), next_refresh_at = v.next_refresh_at, lease_until = null, lease_holder = null,
        ${refreshSucceededState}, updated_at = now()
      from v where ct.credential_id = v.credential_id and ct.lease_holder = v.holder ${fewCredentials("v", "ct", "credential_id")}
      returning ct.credential_id),
    ${eventWrites(sql`(select e.* from ${eventRowsFrom(sql.placeholder("events"))} e where e.credential_id in (select credential_id from t))`)}
    select credential_id as "credentialId", ${queuedDeliveries} as "queuedDeliveries" from t`,
);

/** Commits a refreshed token set: new access token, rotated refresh token and expiry together. */
export async function commitRefreshed(
  db: Db,
  claim: Claim,
  next: Refreshed["next"],
  log: Refreshed["log"],
): Promise<Fenced> {
  const written = await commitRefreshedMany(db, [{ claim, next, log }]);
  return { written: written.has(claim.credentialId) };
}

/**
 * Commits many refreshed token sets in one statement (the refresh run's group commit), each row
 * fenced on its own lease, with their events; returns the credentials whose commit was written.
 */
export async function commitRefreshedMany(db: Db, items: Refreshed[]): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  const rows = items.map(({ claim, next }) => ({
    credential_id: claim.credentialId,
    holder: claim.holder,
    ciphertext: next.tokensCiphertext,
    has_refresh_token: next.hasRefreshToken,
    expires_at: next.expiresAt?.toISOString() ?? null,
    scopes: next.grantedScopes,
    next_refresh_at: next.nextRefreshAt?.toISOString() ?? null,
  }));
  const events = items.map(({ claim, log }): ConnectionEvent => ({
    ...subjectOf(claim),
    name: "refreshed",
    level: "info",
    message: log.message,
    metadata: log.metadata,
    outcome: { ok: true },
  }));
  const result = await commitStatement(db, { rows: JSON.stringify(rows), events: eventRowsJson(events) });
  const written = rowsOf<{ credentialId: string; queuedDeliveries: number }>(result);
  kickIfQueued(written);
  return new Set(written.map((r) => r.credentialId));
}

// A claim's event names its instance through the event writer's rule (the claim knows none).
const subjectOf = (claim: Claim) => ({
  organizationId: claim.organizationId,
  customerId: claim.customerId,
  credentialId: claim.credentialId,
});

/**
 * Records a failed refresh and when to try again. `red` marks the connection failed with `reason`;
 * `reauthorize` stops refreshing until CONNECT, and only when the stored tokens are still the ones
 * this claim sent: if another server rotated them meanwhile, the refusal was about a stale token.
 */
export async function commitFailure(
  db: Db,
  claim: Claim,
  f: {
    retryAt: Date | null;
    reauthorize: boolean;
    red: boolean;
    reason: string;
    level: "warn" | "error";
    event: "refresh failed" | "re-authorization needed";
    message: string;
    metadata: Record<string, unknown>;
  },
): Promise<Fenced> {
  const sameTokens = f.reauthorize ? sql`and tokens_ciphertext = ${claim.tokensCiphertext}` : sql``;
  const event: ConnectionEvent = {
    ...subjectOf(claim),
    name: f.event,
    level: f.level,
    message: f.message,
    metadata: f.metadata,
    ...(f.red ? { outcome: { ok: false, reason: f.reason } } : {}),
  };
  const result = await db.execute(sql`
    with t as (
      update credential_tokens set lease_until = null, lease_holder = null, updated_at = now(),
        ${refreshFailedState(f.reauthorize)}, next_refresh_at = ${f.retryAt?.toISOString() ?? null}::timestamptz
      where credential_id = ${claim.credentialId} and lease_holder = ${claim.holder} ${sameTokens}
      returning credential_id, consecutive_failures),
    ${eventWrites(sql`(select e.organization_id, e.customer_id, e.credential_id, e.instance_id, e.level, e.event, e.message,
        e.metadata || jsonb_build_object('consecutiveFailures', t.consecutive_failures) as metadata, e.outcome, e.error, e.request_id, e.ord
      from ${eventRows([event])} e join t on t.credential_id = e.credential_id)`)}
    select count(*)::int as n, ${queuedDeliveries} as "queuedDeliveries" from t`);
  const rows = rowsOf<{ n: number; queuedDeliveries: number }>(result);
  kickIfQueued(rows);
  return { written: Number(rows[0]?.n ?? 0) > 0 };
}

/** Gives a claim up without an outcome (the credential is gone or the run ran out of time). */
export async function releaseClaim(db: Db, claim: Claim): Promise<void> {
  await db.execute(
    sql`update credential_tokens set lease_until = null, lease_holder = null where credential_id = ${claim.credentialId} and lease_holder = ${claim.holder}`,
  );
}
