import "server-only";
import type { Db } from "@/db/client";
import { recordHandOver } from "@/lib/connections/usage";
import { countProxyCall } from "./figures";

// The connection log of proxied calls. A job may call the proxy thousands of times a minute: one log
// row per call would drown the log and load the database, so a call is written at most once a
// minute per connection and status class (2xx, 4xx, ...), saying how many like it went unwritten
// since. Status changes are written every time there is one to make: a 2xx marks the connection
// used (green; the event writer itself leaves a recent success alone), a refused credential red.
// Never a query value, header or body: the method, the path without its query, the status.

const LOG_GAP_MS = 60_000;
const MAX_KEYS = 50_000;
const lastWritten = new Map<string, { at: number; skipped: number }>();
// What the last written call said of each connection: a success after a refusal is always written.
const lastOutcome = new Map<string, "ok" | "refused">();

export type ProxiedCall = {
  organizationId: string;
  customerId: string;
  credentialId: string;
  instanceId: string;
  method: string;
  path: string;
  status: number | null;
  requestId: string;
  ms: number;
  /** Set when the call says the credential is refused (a 401 or 403 that survived a refresh). */
  refused?: string;
  /** Set when no call could be made (the upstream could not be reached). */
  failure?: string;
};

/** Whether this call's log row is due, and how many calls of its kind went unwritten before it. */
function due(key: string, now: number): { write: boolean; skipped: number } {
  const seen = lastWritten.get(key);
  if (seen && now - seen.at < LOG_GAP_MS) {
    seen.skipped += 1;
    return { write: false, skipped: 0 };
  }
  if (lastWritten.size >= MAX_KEYS) lastWritten.clear();
  lastWritten.set(key, { at: now, skipped: 0 });
  return { write: true, skipped: seen?.skipped ?? 0 };
}

/** Logs a proxied call (throttled as above) and records what it says about the connection's status. */
export async function recordProxiedCall(db: Db, call: ProxiedCall): Promise<void> {
  const error =
    call.failure ??
    call.refused ??
    (call.status !== null && call.status >= 500 ? `The API answered ${call.status}` : undefined);
  countProxyCall(call.credentialId, call.ms, error);
  const statusClass = call.status === null ? "error" : `${Math.floor(call.status / 100)}xx`;
  const ok = call.status !== null && call.status >= 200 && call.status < 300;
  const outcome = call.refused
    ? ({ ok: false, reason: call.refused } as const)
    : ok
      ? ({ ok: true } as const)
      : undefined;
  const { write, skipped } = due(`${call.credentialId}:${statusClass}`, Date.now());
  // A change of status always reaches the log: a refusal (it says why), a success after one.
  const changes = call.refused || (ok && lastOutcome.get(call.credentialId) !== "ok");
  if (!write && !changes) return;
  if (outcome) {
    if (lastOutcome.size >= MAX_KEYS) lastOutcome.clear();
    lastOutcome.set(call.credentialId, outcome.ok ? "ok" : "refused");
  }
  await recordHandOver(db, {
    organizationId: call.organizationId,
    customerId: call.customerId,
    credentialId: call.credentialId,
    instanceId: call.instanceId,
    name: call.refused || call.failure ? "proxy failed" : "proxied",
    level: call.refused || call.failure ? "error" : call.status !== null && call.status >= 500 ? "warn" : "info",
    message: call.failure
      ? `Proxied ${call.method} ${call.path} failed: ${call.failure}`
      : `Proxied ${call.method} ${call.path}: ${call.status}${call.refused ? ` (${call.refused})` : ""}${skipped > 0 ? `; ${skipped} more ${statusClass} call${skipped === 1 ? "" : "s"} since the last entry` : ""}`,
    metadata: {
      method: call.method,
      path: call.path,
      status: call.status,
      requestId: call.requestId,
      ms: call.ms,
      unloggedSince: skipped,
    },
    outcome,
  });
}
