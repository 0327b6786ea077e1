import "server-only";
import type { Db } from "@/db/client";
import { log, logUnexpected } from "@/lib/log";
import { randomUUID } from "node:crypto";
import { trimAuditTrail } from "@/lib/audit/retention";
import { env } from "@/lib/env";
import { runInRequest, type Actor } from "@/lib/request-context";
import { runRefresh } from "./run";

const SCHEDULER: Actor = { type: "scheduler", id: null, name: "in-process scheduler" };

// The embedded default needs no outside scheduler: the server runs the refresh routine itself
// every minute. Runs never overlap within a process; across servers the leases keep them apart.

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
}
