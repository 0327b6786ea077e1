import "server-only";
import type { Db } from "@/db/client";
import { findCredentialsWithCiphertext } from "@/lib/credentials/queries";
import { claimDue, countDue } from "./claim";
import { logUnexpected } from "@/lib/log";
import { recordHeartbeat } from "@/lib/ops/heartbeats";
import { metrics } from "@/lib/ops/metrics";
import { groupCommitter } from "./group-commit";
import { refreshClaim, type RefreshOutcome } from "./refresh-claim";
import { refreshSettings, type RefreshSettings } from "./settings";

// One refresh run (the cron route's, or the in-process scheduler's): up to `concurrency` token
// requests in flight. Whenever an eighth of the slots are free, one statement claims due
// credentials for them and one query loads them, and each claimed credential's request starts at
// once, so a lease never has to outlast more than one token request. A slot is free again as soon
// as the provider has answered: committing the outcome (grouped, see group-commit.ts) overlaps the
// next requests, up to a bound.
// The run ends when nothing due is left or the time budget is spent.

export type RefreshRun = { due: number; refreshed: number; failed: number; skipped: number; ms: number };

/** Refreshes what is due now; other runs, on this server or another, share the work. */
export async function runRefresh(
  db: Db,
  o: { settings?: RefreshSettings; budgetMs?: number } = {},
): Promise<RefreshRun> {
  const settings = o.settings ?? refreshSettings();
  const started = performance.now();
  const deadline = started + (o.budgetMs ?? 50_000);
  const { due, now } = await countDue(db);
  const tally = { refreshed: 0, failed: 0, lost: 0 };
  const inFlight = new Set<Promise<void>>();
  let requesting = 0;
  const commit = groupCommitter(db);
  let exhausted = due === 0;
  // Wakes the loop when a provider answers (a slot frees) or an outcome is committed.
  let wake: () => void = () => {};
  const woken = () => new Promise<void>((resolve) => (wake = resolve));

  while (!exhausted || inFlight.size > 0) {
    const room = settings.concurrency - requesting;
    const backlog = inFlight.size - requesting;
    if (performance.now() >= deadline) exhausted = true;
    if (!exhausted && backlog < settings.concurrency * 2 && (room * 8 >= settings.concurrency || requesting === 0)) {
      const claims = await claimDue(db, { limit: room, leaseMs: settings.leaseMs, dueBy: now });
      if (claims.length < room) exhausted = true;
      const loaded = await findCredentialsWithCiphertext(
        db,
        claims.map((c) => c.organizationId),
        claims.map((c) => c.credentialId),
      );
      for (const claim of claims) {
        requesting++;
        let answered = false;
        const answer = () => {
          if (answered) return;
          answered = true;
          requesting--;
          wake();
        };
        const work: Promise<void> = refreshClaim(db, claim, settings, {
          loaded: loaded.get(claim.credentialId),
          onAnswered: answer,
          commit,
        })
          .catch((error: unknown): RefreshOutcome => {
            // The database went away mid-commit: the lease expires and a later run retries.
            logUnexpected("refresh", error);
            return "lost";
          })
          .then((outcome) => {
            answer();
            tally[outcome]++;
            inFlight.delete(work);
            wake();
          });
        inFlight.add(work);
      }
      if (claims.length > 0) continue;
    }
    if (inFlight.size > 0) await woken();
  }
  const run: RefreshRun = {
    due,
    refreshed: tally.refreshed,
    failed: tally.failed,
    skipped: Math.max(0, due - tally.refreshed - tally.failed),
    ms: Math.round(performance.now() - started),
  };
  metrics.refreshRuns.inc();
  metrics.refreshRunDuration.observe(run.ms / 1000);
  await recordHeartbeat(db, "refresh", run);
  return run;
}
