import "server-only";
import type { Db } from "@/db/client";
import { log, logUnexpected } from "@/lib/log";
import { runWebhookRound } from "@/lib/webhooks/round";
import { randomUUID } from "node:crypto";
import { trimAuditTrail } from "@/lib/audit/retention";
import { env } from "@/lib/env";
import { runInRequest, type Actor } from "@/lib/request-context";
import { runRefresh } from "./run";

const SCHEDULER: Actor = { type: "scheduler", id: null, name: "in-process scheduler" };

// The embedded default needs no outside scheduler: the server runs the refresh routine itself
// every minute, and the webhook sweep every few seconds. Runs never overlap within a process; across servers the leases keep them apart.

const EVERY_MS = 60_000;
let timer: NodeJS.Timeout | undefined;

export function startRefreshScheduler(db: Db): void {
  if (timer) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const run = await runInRequest({ requestId: randomUUID(), actor: SCHEDULER }, async () => {
        const done = await runRefresh(db);
        await trimAuditTrail(db, env.LATCHKEY_AUDIT_RETENTION_DAYS);
        return done;
      });
      if (run.due > 0)
        log.info(
          `refresh: ${run.refreshed} refreshed, ${run.failed} failed, ${run.skipped} skipped of ${run.due} due (${run.ms} ms)`,
        );
    } catch (error) {
      logUnexpected("scheduled refresh", error);
    } finally {
      running = false;
    }
  };
  setTimeout(tick, 5_000).unref();
  timer = setInterval(tick, EVERY_MS);
  timer.unref();
  startWebhookSweep(db);
}

// Webhook retries start at 5 seconds, so their sweep runs more often than the refresh; a kick
// sends new deliveries at once, this picks up retries and what a kick missed.
const WEBHOOK_EVERY_MS = 5_000;

function startWebhookSweep(db: Db): void {
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      const run = await runWebhookRound(db);
      if (run.claimed > 0)
        log.info(
          `webhooks: ${run.delivered} delivered, ${run.retrying} to retry, ${run.failed} failed of ${run.claimed} (${run.ms} ms)`,
        );
    } catch (error) {
      logUnexpected("scheduled webhook sweep", error);
    } finally {
      running = false;
    }
  };
  setInterval(sweep, WEBHOOK_EVERY_MS).unref();
}
