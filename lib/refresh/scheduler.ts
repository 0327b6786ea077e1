import "server-only";
import type { Db } from "@/db/client";
import { log, logUnexpected } from "@/lib/log";
import { runRefresh } from "./run";

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
      const run = await runRefresh(db);
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
