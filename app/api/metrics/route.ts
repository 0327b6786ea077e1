// GET /api/metrics - Prometheus metrics; `Authorization: Bearer $METRICS_TOKEN`, closed when it is unset
import { NextResponse } from "next/server";
import { databaseKind, getDb } from "@/db/client";
import { env } from "@/lib/env";
import { runForRequest } from "@/lib/http/in-request";
import { scrapeMetrics } from "@/lib/ops/scrape";
import { cronAuthorized as bearerMatches } from "@/lib/refresh/cron-auth";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return runForRequest(request, async () => {
    // Closed without a token: as if there were no such route.
    if (!env.METRICS_TOKEN)
      return NextResponse.json(
        { error: { code: "not_found", message: "Metrics are off: set METRICS_TOKEN to serve them" } },
        { status: 404 },
      );
    // Constant-time: both sides are hashed before they are compared.
    if (!bearerMatches(request.headers.get("authorization"), env.METRICS_TOKEN))
      return NextResponse.json(
        {
          error: { code: "unauthorized", message: "Send the metrics token as `Authorization: Bearer <METRICS_TOKEN>`" },
        },
        { status: 401, headers: { "www-authenticate": "Bearer" } },
      );
    const { contentType, text } = await scrapeMetrics(await getDb(), await databaseKind());
    return new Response(text, { headers: { "content-type": contentType, "cache-control": "no-store" } });
  });
}
