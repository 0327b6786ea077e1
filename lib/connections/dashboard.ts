import "server-only";
import type { Db } from "@/db/client";
import { expiryCounts } from "./expiries";
import { hasInstances, statusCounts } from "./health";
import { refreshHistory } from "./refresh-history";

/** Everything the connection health dashboard shows for one organization, seen from `now`; null before any instance exists. */
export async function loadDashboard(db: Db, organizationId: string, now: Date) {
  if (!(await hasInstances(db, organizationId))) return null;
  const [statuses, expiries, refreshes] = await Promise.all([
    statusCounts(db, organizationId),
    expiryCounts(db, organizationId, now),
    refreshHistory(db, organizationId, now),
  ]);
  return { statuses, expiries, refreshes };
}
