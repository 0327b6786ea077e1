// GET /api/health - whether the database answers and refresh and webhook delivery keep up; 503 when it does not
import { NextResponse } from "next/server";
import { databaseKind, getDb } from "@/db/client";
import { runForRequest } from "@/lib/http/in-request";
import { logUnexpected } from "@/lib/log";
import { healthReport } from "@/lib/ops/health";

export const dynamic = "force-dynamic";

// A load balancer reads the status: 200 while the database answers, 503 when it does not.
export function GET(request: Request) {
  return runForRequest(request, async () => {
    try {
      return NextResponse.json(await healthReport(await getDb(), await databaseKind()), {
        headers: { "cache-control": "no-store" },
      });
    } catch (error) {
      logUnexpected("health check", error);
      return NextResponse.json(
        { ok: false, error: { code: "database_unavailable", message: "The database is not reachable" } },
        { status: 503, headers: { "cache-control": "no-store" } },
      );
    }
  });
}
