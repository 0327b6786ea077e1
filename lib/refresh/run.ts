import "server-only";
import type { Db } from "@/db/client";
import { claimDue, countDue } from "./claim";
import { refreshClaim } from "./refresh-claim";
import { refreshSettings, type RefreshSettings } from "./settings";

// One refresh run (the cron route's, or the in-process scheduler's): `concurrency` workers each
// claim one due credential at a time, refresh it and commit it, until nothing due is left or the
// time budget is spent. A worker claims its next credential only when it has finished the last,
// so a lease never has to outlast more than one token request.

export type RefreshRun = { due: number; refreshed: number; failed: number; skipped: number; ms: number };

/** Refreshes what is due now; other runs, on this server or another, share the work. */
export async function runRefresh(db: Db, o: { settings?: RefreshSettings; budgetMs?: number } = {}): Promise<RefreshRun> {
  const settings = o.settings ?? refreshSettings();
  const started = performance.now();
  const deadline = started + (o.budgetMs ?? 50_000);
  const { due, now } = await countDue(db);
  const tally = { refreshed: 0, failed: 0, lost: 0 };

  async function worker() {
    while (performance.now() < deadline) {
      const [claim] = await claimDue(db, { limit: 1, leaseMs: settings.leaseMs, dueBy: now });
      if (!claim) return;
      tally[await refreshClaim(db, claim, settings)]++;
    }
  }
  if (due > 0) await Promise.all(Array.from({ length: Math.min(settings.concurrency, due) }, worker));
  return { due, refreshed: tally.refreshed, failed: tally.failed, skipped: Math.max(0, due - tally.refreshed - tally.failed), ms: Math.round(performance.now() - started) };
}
