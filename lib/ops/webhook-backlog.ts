import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";

export type WebhookBacklog = { pending: number; oldestPendingAt: string | null };

/**
 * Webhook deliveries waiting to be sent, across organizations, and the oldest one's age. Reads the
 * webhook_deliveries table only where it exists, so health and metrics work before and after the
 * webhooks migration lands.
 */
export async function webhookBacklog(db: Db): Promise<WebhookBacklog> {
  const [exists] = rowsOf<{ present: boolean }>(
    await db.execute(sql`select to_regclass('webhook_deliveries') is not null as present`),
  );
  if (!exists?.present) return { pending: 0, oldestPendingAt: null };
  const [row] = rowsOf<{ pending: number; oldest: string | Date | null }>(
    await db.execute(
      sql`select count(*)::int as pending, min(created_at) as oldest from webhook_deliveries where status = 'pending'`,
    ),
  );
  const oldest = row?.oldest ? new Date(row.oldest).toISOString() : null;
  return { pending: Number(row?.pending ?? 0), oldestPendingAt: oldest };
}
