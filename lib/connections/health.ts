import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import type { ConnectionStatus } from "./status";
import { statusCaseOver } from "./status-sql";

// The connection health dashboard's figures. Status is lib/connections/status.ts's rule, generated
// as SQL so that counting every connection of an organization is one query, whatever their number.

// A connection without a credential (c.id is null) is not complete.
export const statusCase = statusCaseOver({
  complete: sql`(c.id is not null and c.complete)`,
  lastUsedAt: sql`c.last_used_at`,
  lastFailedAt: sql`c.last_failed_at`,
});

// Every connection of every instance, configured or not (an unconfigured one has no row of its own),
// with its credential (c) and token set (t) when there is one; `joins` adds sources for a filter.
export const connectionsOf = (organizationId: string, joins?: SQL) => sql`
  from instances i
  join config_variables v on v.integration_id = i.integration_id and v.organization_id = i.organization_id
  join customers cu on cu.id = i.customer_id and cu.organization_id = i.organization_id
  left join instance_connections ic on ic.instance_id = i.id and ic.config_variable_id = v.id and ic.organization_id = i.organization_id
  left join credentials c on c.id = ic.credential_id and c.organization_id = i.organization_id
  left join credential_tokens t on t.credential_id = c.id and t.organization_id = i.organization_id
  ${joins ?? sql``}
  where i.organization_id = ${organizationId}`;

/** Whether the organization has deployed any instance: the dashboard's empty state is for none. */
export async function hasInstances(db: Db, organizationId: string): Promise<boolean> {
  const result = await db.execute(
    sql`select exists (select 1 from instances where organization_id = ${organizationId}) as any`,
  );
  return rowsOf<{ any: boolean }>(result)[0]?.any === true;
}

/** How many connections are green, yellow and red. */
export async function statusCounts(db: Db, organizationId: string): Promise<Record<ConnectionStatus, number>> {
  const result = await db.execute(
    sql`select ${statusCase} as status, count(*)::int as n ${connectionsOf(organizationId)} group by 1`,
  );
  const counts: Record<ConnectionStatus, number> = { green: 0, yellow: 0, red: 0 };
  for (const r of rowsOf<{ status: ConnectionStatus; n: number }>(result)) counts[r.status] = Number(r.n);
  return counts;
}

export type ConnectionRow = {
  instanceId: string;
  instanceName: string;
  customerName: string;
  connectionKey: string;
  connectionLabel: string;
  status: ConnectionStatus;
  /** Why a red connection is red; null for the others. */
  reason: string | null;
  /** The access token's expiry, for OAuth connections holding tokens. */
  tokenExpiresAt: string | null;
  /** Whether the token renews by itself (a refresh token, or client credentials). */
  refreshable: boolean;
  needsReauthorization: boolean;
};

/** A timestamptz as an ISO 8601 string in UTC: the drivers disagree on how they return timestamps. */
export const isoOf = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Connections of the organization that match `where` (a condition over i, v, cu, ic, c, t and
 * whatever `joins` adds) and, optionally, one status; `extra` adds columns. Newest instance first.
 * Returns at most `limit` rows and whether there were more.
 */
export async function selectConnections<X extends object = object>(
  db: Db,
  organizationId: string,
  q: { where?: SQL; status?: ConnectionStatus; joins?: SQL; extra?: SQL; limit: number },
): Promise<{ rows: (ConnectionRow & X)[]; more: boolean }> {
  const result = await db.execute(sql`
    select * from (
      select i.id as "instanceId", i.name as "instanceName", cu.name as "customerName", v.key as "connectionKey", v.label as "connectionLabel",
        ${statusCase} as status,
        case when c.id is null then 'Not configured yet' when not c.complete then c.incomplete_reason else c.last_error end as reason,
        ${isoOf(sql`t.expires_at`)} as "tokenExpiresAt",
        coalesce(t.has_refresh_token or t.grant_type = 'client_credentials', false) as refreshable,
        coalesce(t.needs_reauthorization, false) as "needsReauthorization",
        i.created_at as instance_created_at, v.position as variable_position
        ${q.extra ? sql`, ${q.extra}` : sql``}
      ${connectionsOf(organizationId, q.joins)}
      ${q.where ? sql`and (${q.where})` : sql``}
    ) s
    ${q.status ? sql`where s.status = ${q.status}` : sql``}
    order by s.instance_created_at desc, s."instanceId", s.variable_position, s."connectionKey"
    limit ${q.limit + 1}`);
  const raw = rowsOf<ConnectionRow & X & { instance_created_at?: unknown; variable_position?: unknown }>(result);
  const rows = raw.slice(0, q.limit).map(({ instance_created_at: _c, variable_position: _p, ...r }) => ({
    ...r,
    reason: r.status === "red" ? (r.reason ?? "The last use failed") : null,
    refreshable: r.refreshable === true,
    needsReauthorization: r.needsReauthorization === true,
  })) as (ConnectionRow & X)[];
  return { rows, more: raw.length > q.limit };
}

/** The connections of one status, for the dashboard's links. */
export async function connectionsWithStatus(
  db: Db,
  organizationId: string,
  status: ConnectionStatus,
  limit = 200,
): Promise<ConnectionRow[]> {
  return (await selectConnections(db, organizationId, { status, limit })).rows;
}
