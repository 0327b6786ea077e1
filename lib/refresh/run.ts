import "server-only";
import type { Db } from "@/db/client";
import { countDue } from "./claim";
import { claimDueWithCiphertext, type LoadedClaim } from "./claim-loaded";
import { logUnexpected } from "@/lib/log";
import { recordHeartbeat } from "@/lib/ops/heartbeats";
import { metrics } from "@/lib/ops/metrics";
import { groupCommitter } from "./group-commit";
import { prepareRefresh, refreshClaim, type PreparedRefresh, type RefreshOutcome } from "./refresh-claim";
import { refreshSettings, type RefreshSettings } from "./settings";

// One refresh run (the cron route's, or the in-process scheduler's): up to `concurrency` token
// requests in flight. Claims are taken ahead: while the slots are busy, one statement claims due
// credentials for the slots that will free next (and as many again) and loads them with their
// values, so that a slot freed by a provider's answer starts its next request at once
// instead of waiting for a claim's round trips. A claim waits at most about one token request for
// its slot, so a lease never has to outlast more than that. A slot is free again as soon as the
// provider has answered: committing the outcome (grouped, see group-commit.ts) overlaps the next
// requests, up to a bound. The run ends when nothing due is left or the time budget is spent.

export type RefreshRun = { due: number; refreshed: number; failed: number; skipped: number; ms: number };

type Ready = LoadedClaim & { prepared?: Promise<PreparedRefresh> };

/** A claim taken ahead, its connection and tokens being opened while it waits for a slot. */
function readied(db: Db, c: LoadedClaim): Ready {
  if (!c.loaded) return c;
  const prepared = prepareRefresh(db, c.claim, c.loaded, c.values);
  // Its refresh awaits it and classifies a failure; until then the rejection is not unhandled.
  prepared.catch(() => {});
  return { ...c, prepared };
}

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
  const ready: Ready[] = [];
  const ahead = settings.concurrency;
  let requesting = 0;
  let claiming = false;
  const commit = groupCommitter(db);
  let exhausted = due === 0;
  // Wakes the loop when a provider answers (a slot frees), an outcome is committed or a claim is loaded.
  let wake: () => void = () => {};
  const woken = () => new Promise<void>((resolve) => (wake = resolve));

  const start = ({ claim, loaded, values, prepared }: Ready) => {
    requesting++;
    let answered = false;
    const answer = () => {
      if (answered) return;
      answered = true;
      requesting--;
      wake();
    };
    const work: Promise<void> = refreshClaim(db, claim, settings, {
      loaded,
      values,
      prepared,
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
  };

  // Claims for the free slots and those about to free, in batches of at least an eighth of them.
  const claimAhead = () => {
    const room = settings.concurrency + ahead - requesting - ready.length;
    if (claiming || exhausted || room <= 0) return;
    if (room * 8 < settings.concurrency && requesting + ready.length > 0) return;
    claiming = true;
    void claimDueWithCiphertext(db, { limit: room, leaseMs: settings.leaseMs, dueBy: now })
      .then((claims) => {
        if (claims.length < room) exhausted = true;
        ready.push(...claims.map((c) => readied(db, c)));
      })
      .catch((error: unknown) => {
        // The database went away: what was claimed stays leased until the lease expires.
        logUnexpected("refresh claim", error);
        exhausted = true;
      })
      .finally(() => {
        claiming = false;
        wake();
      });
  };

  while (!exhausted || claiming || ready.length > 0 || inFlight.size > 0) {
    if (performance.now() >= deadline) exhausted = true;
    // What is claimed is leased: it starts even past the deadline (at most a slot's worth of claims ahead).
    while (ready.length > 0 && requesting < settings.concurrency) start(ready.shift()!);
    const backlog = inFlight.size - requesting;
    if (backlog < settings.concurrency * 2) claimAhead();
    if (claiming || inFlight.size > 0 || ready.length > 0) await woken();
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
