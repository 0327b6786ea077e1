import "server-only";
import { sql } from "drizzle-orm";
import type { Db, DatabaseKind } from "@/db/client";
import { env } from "@/lib/env";
import { countOverdue } from "@/lib/refresh/claim";
import { lastRunOf } from "./heartbeats";
import { webhookBacklog, type WebhookBacklog } from "./webhook-backlog";

export type HealthReport = {
  ok: true;
  database: DatabaseKind;
  /** `overdue`: some token has been due for longer than LATCHKEY_REFRESH_OVERDUE_SECONDS. */
  refresh: { lastRunAt: string | null; overdue: boolean };
  /** `lastRunAt`: the last delivery sweep (cron route or scheduler) on any server. */
  webhooks: WebhookBacklog & { lastRunAt: string | null };
};

/** What /api/health answers when the database does: whether refresh and webhook delivery keep up. */
export async function healthReport(db: Db, database: DatabaseKind): Promise<HealthReport> {
  await db.execute(sql`select 1`);
  const [lastRunAt, overdue, webhooks, webhooksRanAt] = await Promise.all([
    lastRunOf(db, "refresh"),
    countOverdue(db, env.LATCHKEY_REFRESH_OVERDUE_SECONDS),
    webhookBacklog(db),
    lastRunOf(db, "webhooks"),
  ]);
  return {
    ok: true,
    database,
    refresh: { lastRunAt: lastRunAt ? new Date(lastRunAt).toISOString() : null, overdue: overdue > 0 },
    webhooks: { ...webhooks, lastRunAt: webhooksRanAt ? new Date(webhooksRanAt).toISOString() : null },
  };
}
