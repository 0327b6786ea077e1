// GET /api/health - liveness and which database this server runs on
import { NextResponse } from "next/server";
import { sql } from "drizzle-orm";
import { databaseKind, getDb } from "@/db/client";
import { logUnexpected } from "@/lib/log";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return NextResponse.json({ ok: true, database: await databaseKind() });
  } catch (error) {
    logUnexpected("health check", error);
    return NextResponse.json(
      { ok: false, error: { code: "database_unavailable", message: "The database is not reachable" } },
      { status: 503 },
    );
  }
}
