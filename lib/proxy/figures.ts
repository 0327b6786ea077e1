// Each connection's proxy figures over the last hour, in this process: calls, errors, the last
// error, and p50/p99 latency. Kept in memory, not in the database, since every call counts and the
// proxy is the hot path; with several app servers each shows its own share (the connection log,
// written at most once a minute per status class, is the durable record).

const HOUR_MS = 60 * 60_000;
const MAX_SAMPLES = 10_000;
const MAX_CONNECTIONS = 50_000;

type Sample = { at: number; ms: number; error: boolean };
type Figures = { samples: Sample[]; lastError: { at: number; message: string } | null };
// On globalThis: Next bundles the proxy route and the instance page apart, each with its own copy of
// this module, and both must see the same figures.
const shared = globalThis as { latchkeyProxyFigures?: Map<string, Figures> };
const byCredential = (shared.latchkeyProxyFigures ??= new Map<string, Figures>());

export type ProxyFigures = {
  calls: number;
  errors: number;
  lastError: { at: string; message: string } | null;
  p50Ms: number | null;
  p99Ms: number | null;
};

/** Counts one call; `error` (a 5xx, a refused credential, an unreachable upstream) says what went wrong. */
export function countProxyCall(credentialId: string, ms: number, error?: string, now = Date.now()): void {
  let figures = byCredential.get(credentialId);
  if (!figures) {
    if (byCredential.size >= MAX_CONNECTIONS) byCredential.clear();
    figures = { samples: [], lastError: null };
    byCredential.set(credentialId, figures);
  }
  figures.samples.push({ at: now, ms, error: !!error });
  if (figures.samples.length > MAX_SAMPLES) figures.samples.splice(0, figures.samples.length - MAX_SAMPLES);
  if (error) figures.lastError = { at: now, message: error };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** The figures of a connection's credential over the last hour. */
export function proxyFigures(credentialId: string, now = Date.now()): ProxyFigures {
  const figures = byCredential.get(credentialId);
  const recent = (figures?.samples ?? []).filter((s) => s.at > now - HOUR_MS);
  const sorted = recent.map((s) => s.ms).sort((a, b) => a - b);
  const lastError = figures?.lastError && figures.lastError.at > now - HOUR_MS ? figures.lastError : null;
  return {
    calls: recent.length,
    errors: recent.filter((s) => s.error).length,
    lastError: lastError ? { at: new Date(lastError.at).toISOString(), message: lastError.message } : null,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
}
