import "server-only";
import { randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";

// Work is claimed with a lease written in one statement: the inner SELECT locks due rows with
// SKIP LOCKED so that concurrent claimers (any number of servers and cron calls) take disjoint
// rows, and the lease it writes keeps them out of every other claim until it expires. No
// transaction stays open afterwards: the provider's HTTP call happens with no lock and no
// connection held, and the result is committed only by the holder of the lease (see commit.ts).
// A claimer that dies leaves a lease that simply expires; the row is due again after that.

export type Claim = {
  credentialId: string;
  organizationId: string;
  customerId: string | null;
  grantType: "authorization_code" | "client_credentials";
  tokensCiphertext: string;
  grantedScopes: string[];
  consecutiveFailures: number;
  /** This claim's own id: the commit is fenced on it. */
  holder: string;
};

type ClaimRow = Omit<Claim, "holder">;

// A claim carries the sealed token set it leases: the refresh opens it through the door, and a
// re-authorization is fenced on it being unchanged.
const returningWithCiphertext = sql`returning credential_id as "credentialId", organization_id as "organizationId", customer_id as "customerId",
  grant_type as "grantType", tokens_ciphertext as "tokensCiphertext", granted_scopes as "grantedScopes", consecutive_failures as "consecutiveFailures"`;

// The rows the partial index credential_tokens_due_idx holds, in the order it holds them.
const dueCondition = (by: SQL) =>
  sql`next_refresh_at is not null and needs_reauthorization = false and next_refresh_at <= ${by}`;
const due = dueCondition(sql`now()`);
const free = sql`(lease_until is null or lease_until < now())`;

/**
 * Claims up to `limit` credentials due by `dueBy` (a run passes its start, so that a token it has
 * just renewed with a very short lifetime waits for the next run), oldest due first.
 */
export async function claimDue(db: Db, o: ClaimOptions): Promise<Claim[]> {
  const holder = randomUUID();
  const result = await db.execute(sql`${leaseDue(o, holder)} ${returningWithCiphertext}`);
  return rowsOf<ClaimRow>(result).map((r) => ({ ...r, consecutiveFailures: Number(r.consecutiveFailures), holder }));
}

export type ClaimOptions = { limit: number; leaseMs: number; dueBy?: Date };

/** What a lease is written with: values, or the placeholders of a prepared statement. */
export type LeaseParams = { limit: unknown; leaseMs: unknown; holder: unknown; dueBy: SQL };

/**
 * The UPDATE that leases up to `limit` due credentials to `holder` (without its RETURNING): claimDue's,
 * and the refresh run's, which loads what it claimed in the same statement (claim-loaded.ts).
 */
export function leaseDue(o: ClaimOptions, holder: string): SQL {
  return leaseSql({
    limit: o.limit,
    leaseMs: o.leaseMs,
    holder,
    dueBy: o.dueBy ? sql`${o.dueBy.toISOString()}::timestamptz` : sql`now()`,
  });
}

export function leaseSql(p: LeaseParams): SQL {
  // The rows are found by their physical address (ctid) rather than their key: the inner SELECT has
  // just locked them, so nobody can move them before the UPDATE, and a TID scan reads exactly those
  // pages where a key lookup descends the primary key once per row, deeper as the table grows.
  return sql`update credential_tokens set lease_until = now() + ${p.leaseMs} * interval '1 millisecond', lease_holder = ${p.holder}
    where ctid = any(array(
      select ctid from credential_tokens where ${dueCondition(p.dueBy)} and ${free}
      order by next_refresh_at limit ${p.limit} for update skip locked))`;
}

/**
 * Claims one credential if it is due and nobody holds it (the runtime API's on-demand refresh).
 * With `expiredGapMs`, an access token that has already expired is claimed even while a backoff
 * holds its next attempt back (integration code is waiting and the provider may be back), but at
 * most once per that gap: a failed attempt writes updated_at, so a burst of callers during an
 * outage sends one request every few seconds, not one each.
 */
export async function claimOne(
  db: Db,
  credentialId: string,
  leaseMs: number,
  expiredGapMs?: number,
): Promise<Claim | undefined> {
  const holder = randomUUID();
  const expired =
    expiredGapMs === undefined
      ? sql`false`
      : sql`(next_refresh_at is not null and needs_reauthorization = false and expires_at <= now() and updated_at <= now() - ${expiredGapMs} * interval '1 millisecond')`;
  const result = await db.execute(sql`
    update credential_tokens set lease_until = now() + ${leaseMs} * interval '1 millisecond', lease_holder = ${holder}
    where credential_id = ${credentialId} and (${due} or ${expired}) and ${free}
    ${returningWithCiphertext}`);
  const [row] = rowsOf<ClaimRow>(result);
  return row ? { ...row, consecutiveFailures: Number(row.consecutiveFailures), holder } : undefined;
}

/** How many credentials are due now, leased or not (the cron's `due`), and the database's clock; served by the partial index. */
export async function countDue(db: Db): Promise<{ due: number; now: Date }> {
  const [row] = rowsOf<{ n: number; now: string | Date }>(
    await db.execute(sql`select count(*)::int as n, now() as now from credential_tokens where ${due}`),
  );
  return { due: Number(row?.n ?? 0), now: new Date(row?.now ?? Date.now()) };
}

/**
 * Credentials due for longer than `graceSeconds` (leased or not): refresh is falling behind. Served
 * by the partial index like countDue.
 */
export async function countOverdue(db: Db, graceSeconds: number): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from credential_tokens where next_refresh_at is not null and needs_reauthorization = false
        and next_refresh_at <= now() - make_interval(secs => ${graceSeconds})`,
    ),
  );
  return Number(row?.n ?? 0);
}
