import "server-only";
import type { Db } from "@/db/client";
import type { ConnectionFilter } from "./connection-filter";
import { connectionsExpiring } from "./expiries";
import { selectConnections, type ConnectionRow } from "./health";
import { connectionsRefreshed } from "./refresh-history";
import { hourWindow, lastDay } from "./refresh-window";

/** A row of the list: a connection, with its token's renewal or its refreshes where the filter is about those. */
export type ConnectionListRow = ConnectionRow & {
  nextRefreshAt?: string | null;
  consecutiveFailures?: number;
  refreshCount?: number;
  failureCount?: number;
};

/** The connections behind one dashboard figure, seen from `now`: at most `limit`, and whether there are more. */
export async function listConnections(
  db: Db,
  organizationId: string,
  filter: ConnectionFilter,
  now: Date,
  limit = 200,
): Promise<{ rows: ConnectionListRow[]; more: boolean }> {
  switch (filter.kind) {
    case "all":
      return selectConnections(db, organizationId, { limit });
    case "status":
      return selectConnections(db, organizationId, { status: filter.status, limit });
    case "expiry":
      return connectionsExpiring(db, organizationId, filter.bucket, now, limit);
    case "refresh":
      return connectionsRefreshed(
        db,
        organizationId,
        { ...(filter.hour ? hourWindow(filter.hour) : lastDay(now)), outcome: filter.outcome },
        limit,
      );
  }
}
