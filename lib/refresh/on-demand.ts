import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { credentialTokens } from "@/db/schema";
import { claimOne } from "./claim";
import { refreshClaim } from "./refresh-claim";
import { refreshSettings } from "./settings";

// The runtime API's refresh of a token that is due: under the same lease as the cron, so that a
// runtime call and a cron run (on any server) never both send the refresh token. Callers in this
// process share one refresh; a caller that finds the lease held elsewhere waits for that holder
// to finish, then reads what it stored.

const inFlight = new Map<string, Promise<void>>();
const POLL_MS = [25, 50, 100, 200];

/** An expired token is refreshed on demand, backoff or not, at most once per this gap. */
export const EXPIRED_RETRY_GAP_MS = 5_000;

/**
 * Refreshes a credential's token if it is due, or if it has expired (ignoring a backoff, at most
 * once per EXPIRED_RETRY_GAP_MS), or waits for whoever is refreshing it.
 */
export function refreshIfDue(db: Db, credentialId: string): Promise<void> {
  const running = inFlight.get(credentialId);
  if (running) return running;
  const settings = refreshSettings();
  const work = (async () => {
    const claim = await claimOne(db, credentialId, settings.leaseMs, EXPIRED_RETRY_GAP_MS);
    if (claim) {
      await refreshClaim(db, claim, settings);
      return;
    }
    await leaseReleased(db, credentialId, settings.leaseMs);
  })().finally(() => inFlight.delete(credentialId));
  inFlight.set(credentialId, work);
  return work;
}

/** Waits until nobody holds the credential's lease (released, expired, or the tokens are gone). */
async function leaseReleased(db: Db, credentialId: string, maxMs: number): Promise<void> {
  const until = Date.now() + maxMs;
  for (let i = 0; Date.now() < until; i++) {
    const [row] = await db
      .select({
        held: sql<boolean>`${credentialTokens.leaseHolder} is not null and ${credentialTokens.leaseUntil} > now()`,
      })
      .from(credentialTokens)
      .where(eq(credentialTokens.credentialId, credentialId));
    if (!row?.held) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS[Math.min(i, POLL_MS.length - 1)]));
  }
}
