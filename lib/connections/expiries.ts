import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { connectionsOf, isoOf, selectConnections, type ConnectionRow } from "./health";
import { expiryBucketKeys, type ExpiryBucket } from "./expiry-buckets";

// The dashboard's timeline of upcoming token expiries: every connection whose credential holds an
// OAuth token set with a stated expiry, by how soon its access token expires. A grant the refresh
// routine gave up on is a bucket of its own whatever its expiry: only CONNECT can revive it.

// The bucket of the connection's token set at `now`, as SQL over the token set t.
function bucketOf(now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql`case
    when t.needs_reauthorization then 'reauthorize'
    when t.expires_at <= ${at} then 'expired'
    when t.expires_at <= ${at} + interval '1 hour' then '1h'
    when t.expires_at <= ${at} + interval '6 hours' then '6h'
    when t.expires_at <= ${at} + interval '24 hours' then '24h'
    else 'later' end`;
}

const hasExpiry = sql`t.credential_id is not null and (t.expires_at is not null or t.needs_reauthorization)`;

/** How many connections' tokens fall in each expiry bucket, seen from `now`. */
export async function expiryCounts(db: Db, organizationId: string, now: Date): Promise<Record<ExpiryBucket, number>> {
  const result = await db.execute(
    sql`select ${bucketOf(now)} as bucket, count(*)::int as n ${connectionsOf(organizationId)} and ${hasExpiry} group by 1`,
  );
  const counts = Object.fromEntries(expiryBucketKeys.map((k) => [k, 0])) as Record<ExpiryBucket, number>;
  for (const r of rowsOf<{ bucket: ExpiryBucket; n: number }>(result)) counts[r.bucket] = Number(r.n);
  return counts;
}

export type ExpiringConnectionRow = ConnectionRow & { nextRefreshAt: string | null; consecutiveFailures: number };

/** The connections whose tokens fall in one expiry bucket, soonest expiry first within each instance. */
export async function connectionsExpiring(
  db: Db,
  organizationId: string,
  bucket: ExpiryBucket,
  now: Date,
  limit = 200,
) {
  return selectConnections<{ nextRefreshAt: string | null; consecutiveFailures: number }>(db, organizationId, {
    where: sql`${hasExpiry} and ${bucketOf(now)} = ${bucket}`,
    extra: sql`${isoOf(sql`t.next_refresh_at`)} as "nextRefreshAt", t.consecutive_failures as "consecutiveFailures"`,
    limit,
  });
}
