import "server-only";
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events } from "@/db/schema";
import { openWebhookSecrets } from "@/lib/credentials/secrets";
import { env } from "@/lib/env";
import { logUnexpected } from "@/lib/log";
import { claimDueDeliveries, type DeliveryClaim } from "./claim";
import { groupCommit } from "./commit";
import { listEndpointsWithCiphertext } from "./queries";
import { sendEvent, type Attempt } from "./send";

// A delivery round: claim what is due, send each claim with bounded concurrency, and write the
// outcomes through the round's group commit (./commit.ts), fenced on their leases.

const LEASE_MARGIN_MS = 20_000;
const BATCH = 64;

export type RoundResult = { claimed: number; delivered: number; retrying: number; failed: number };

type EndpointFacts = { url: string; enabled: boolean; secrets: string[] | null };

type Target = EndpointFacts & { payload: string };

// Said in the delivery's log when an endpoint's signing secret cannot be opened (a master key
// taken out of the configuration, a damaged row): its deliveries fail and retry, everyone else's go.
const UNOPENED = "The endpoint's signing secret could not be decrypted; see the server log";

async function factsOf(db: Db, w: Awaited<ReturnType<typeof listEndpointsWithCiphertext>>[number]) {
  const secrets = await openWebhookSecrets(db, w).catch((error: unknown) => {
    logUnexpected("webhook signing secret", error);
    return null;
  });
  return { url: w.url, enabled: w.enabled, secrets };
}

// The events of a batch of claims, and their endpoints' secrets (opened once per round).
async function targetsOf(db: Db, claims: DeliveryClaim[], endpoints: Map<string, EndpointFacts>) {
  const eventRows = await db
    .select()
    .from(events)
    .where(inArray(events.id, [...new Set(claims.map((c) => c.eventId))]));
  const missing = [...new Set(claims.map((c) => c.endpointId))].filter((id) => !endpoints.has(id));
  if (missing.length > 0)
    for (const w of await listEndpointsWithCiphertext(db, missing)) endpoints.set(w.id, await factsOf(db, w));
  const secretsOf = endpoints;
  const byEvent = new Map(eventRows.map((e) => [e.id, e]));
  const targets = new Map<string, Target>();
  for (const c of claims) {
    const e = byEvent.get(c.eventId);
    const w = secretsOf.get(c.endpointId);
    if (!e || !w) continue;
    const payload = JSON.stringify({
      id: e.id,
      type: e.type,
      createdAt: e.createdAt.toISOString(),
      organizationId: e.organizationId,
      data: e.data,
    });
    targets.set(c.id, { ...w, payload });
  }
  return targets;
}

type Commit = ReturnType<typeof groupCommit>;

async function attempt(c: DeliveryClaim, t: Target | undefined, commit: Commit) {
  const a: Attempt = !t
    ? { ok: false, statusCode: null, error: "The event or the endpoint is gone", latencyMs: 0 }
    : !t.enabled
      ? { ok: false, statusCode: null, error: "The endpoint is disabled", latencyMs: 0 }
      : !t.secrets
        ? { ok: false, statusCode: null, error: UNOPENED, latencyMs: 0 }
        : await sendEvent(t.url, { id: c.eventId, payload: t.payload, secrets: t.secrets });
  // A delivery queued before its endpoint was disabled is failed at once: Retry now sends it later.
  return commit(c, a, !!t && !t.enabled);
}

/**
 * Sends every delivery that is due, `concurrency` at a time, until none is left (or `maxMs` has
 * passed); what is retried later waits for a later round. Claims are taken a batch ahead of the
 * senders, so that a sender never waits for a claim while deliveries are due.
 */
export async function deliverDue(
  db: Db,
  o: { concurrency?: number; maxMs?: number; retryScale?: number } = {},
): Promise<RoundResult> {
  const concurrency = o.concurrency ?? env.LATCHKEY_WEBHOOK_CONCURRENCY;
  const scale = o.retryScale ?? env.LATCHKEY_WEBHOOK_RETRY_SCALE;
  const leaseMs = env.LATCHKEY_WEBHOOK_TIMEOUT_SECONDS * 1000 + LEASE_MARGIN_MS;
  const deadline = Date.now() + (o.maxMs ?? 50_000);
  const total: RoundResult = { claimed: 0, delivered: 0, retrying: 0, failed: 0 };
  const endpoints = new Map<string, EndpointFacts>();
  const commit = groupCommit(db, scale);
  const queue: { claim: DeliveryClaim; target: Target | undefined }[] = [];
  let drained = false;
  let refilling: Promise<void> | null = null;
  const refill = () =>
    (refilling ??= (async () => {
      const claims = await claimDueDeliveries(db, { limit: Math.max(BATCH, concurrency * 2), leaseMs });
      if (claims.length === 0) drained = true;
      total.claimed += claims.length;
      const targets = claims.length > 0 ? await targetsOf(db, claims, endpoints) : new Map<string, Target>();
      for (const c of claims) queue.push({ claim: c, target: targets.get(c.id) });
    })().finally(() => (refilling = null)));
  const sender = async () => {
    for (;;) {
      if (queue.length < concurrency && !drained && Date.now() < deadline) void refill().catch(() => {});
      let item = queue.shift();
      if (!item) {
        if (drained || Date.now() >= deadline) return;
        await refill();
        item = queue.shift();
        if (!item) continue;
      }
      const s = await attempt(item.claim, item.target, commit).catch((error: unknown) => {
        logUnexpected("webhook delivery attempt", error);
        return "lost" as const;
      });
      if (s === "delivered") total.delivered++;
      else if (s === "pending") total.retrying++;
      else if (s === "failed") total.failed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  return total;
}
