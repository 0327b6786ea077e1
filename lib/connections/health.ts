import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { ConnectionStatus } from "./status";

// The connection health dashboard's figures. Status follows lib/connections/status.ts, in SQL so
// that counting every connection of an organization is one query, whatever their number.

const statusCase = sql`case
  when c.id is null or not c.complete then 'red'
  when c.last_failed_at is not null and (c.last_used_at is null or c.last_failed_at >= c.last_used_at) then 'red'
  when c.last_used_at is not null then 'green'
  else 'yellow' end`;

// Every connection of every instance, configured or not (an unconfigured one has no row of its own).
const connectionsOf = (organizationId: string) => sql`
  from instances i
  join config_variables v on v.integration_id = i.integration_id and v.organization_id = i.organization_id
  join customers cu on cu.id = i.customer_id
  left join instance_connections ic on ic.instance_id = i.id and ic.config_variable_id = v.id
  left join credentials c on c.id = ic.credential_id and c.organization_id = i.organization_id
  where i.organization_id = ${organizationId}`;

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

/** How many connections are green, yellow and red. */
export async function statusCounts(db: Db, organizationId: string): Promise<Record<ConnectionStatus, number>> {
  const result = await db.execute(sql`select ${statusCase} as status, count(*)::int as n ${connectionsOf(organizationId)} group by 1`);
  const counts: Record<ConnectionStatus, number> = { green: 0, yellow: 0, red: 0 };
  for (const r of rowsOf<{ status: ConnectionStatus; n: number }>(result)) counts[r.status] = Number(r.n);
  return counts;
}

export type ConnectionRow = { instanceId: string; instanceName: string; customerName: string; connectionKey: string; connectionLabel: string; status: ConnectionStatus; reason: string | null };

/** The connections of one status, for the dashboard's links. */
export async function connectionsWithStatus(db: Db, organizationId: string, status: ConnectionStatus, limit = 200): Promise<ConnectionRow[]> {
  const result = await db.execute(sql`
    select * from (
      select i.id as "instanceId", i.name as "instanceName", cu.name as "customerName", v.key as "connectionKey", v.label as "connectionLabel",
        ${statusCase} as status,
        case when c.id is null then 'Not configured yet' when not c.complete then c.incomplete_reason else c.last_error end as reason,
        i.created_at
      ${connectionsOf(organizationId)}
    ) s where status = ${status} order by created_at desc limit ${limit}`);
  return rowsOf<ConnectionRow>(result).map(({ instanceId, instanceName, customerName, connectionKey, connectionLabel, status: s, reason }) => ({ instanceId, instanceName, customerName, connectionKey, connectionLabel, status: s, reason: s === "red" ? reason : null }));
}
