// GET /api/health - liveness, which database this server runs on, and the webhook backlog
import { NextResponse } from "next/server";
import { sql } from "drizzle-orm";
import { databaseKind, getDb } from "@/db/client";
import { logUnexpected } from "@/lib/log";
import { webhookBacklog } from "@/lib/webhooks/round";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return NextResponse.json({ ok: true, database: await databaseKind(), webhooks: await webhookBacklog(db) });
  } catch (error) {
    logUnexpected("health check", error);
    return NextResponse.json(
      { ok: false, error: { code: "database_unavailable", message: "The database is not reachable" } },
      { status: 503 },
    );
  }
}
