// GET|POST /api/cron/refresh - refreshes the tokens that are due and sweeps webhook deliveries; called by a scheduler with CRON_SECRET
import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { declaresTooLarge } from "@/lib/http/body";
import { runForRequest } from "@/lib/http/in-request";
import { logUnexpected } from "@/lib/log";
import { cronAuthorized } from "@/lib/refresh/cron-auth";
import { runRefresh } from "@/lib/refresh/run";
import { runWebhookRound } from "@/lib/webhooks/round";
import { trimAuditTrail } from "@/lib/audit/retention";
import { setActor } from "@/lib/request-context";

export const dynamic = "force-dynamic";

// The route takes no body; a scheduler's small JSON is ignored, anything large refused unread.
const MAX_BODY_BYTES = 64 * 1024;

async function handle(request: Request): Promise<Response> {
  if (declaresTooLarge(request, MAX_BODY_BYTES))
    return NextResponse.json(
      { error: { code: "payload_too_large", message: "This route takes no request body" } },
      { status: 413 },
    );
  if (!cronAuthorized(request.headers.get("authorization"), env.CRON_SECRET)) {
    const message = env.CRON_SECRET
      ? "Send the cron secret as `Authorization: Bearer <CRON_SECRET>`"
      : "CRON_SECRET is not set on this server, so the cron route is closed";
    return NextResponse.json(
      { error: { code: "unauthorized", message } },
      { status: 401, headers: { "www-authenticate": "Bearer" } },
    );
  }
  setActor({ type: "scheduler", id: null, name: "cron" });
  try {
    const db = await getDb();
    // One round does all: the refresh first (its events queue deliveries), the webhook sweep, the audit trim.
    const refresh = await runRefresh(db);
    const webhooks = await runWebhookRound(db);
    await trimAuditTrail(db, env.LATCHKEY_AUDIT_RETENTION_DAYS);
    return NextResponse.json({ ...refresh, webhooks });
  } catch (error) {
    logUnexpected("cron refresh", error);
    return NextResponse.json(
      {
        error: {
          code: "unavailable",
          message: "The refresh run could not reach the database; the next run will retry",
        },
      },
      { status: 503 },
    );
  }
}

const inRequest = (request: Request) => runForRequest(request, () => handle(request));
export const GET = inRequest;
export const POST = inRequest;
