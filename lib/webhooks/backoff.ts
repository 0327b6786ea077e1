// When a failed delivery is tried again (issue 15): about a day of retries, then it is failed.
// Jitter keeps the retries of many deliveries that failed together from arriving together.

const SCHEDULE_MS = [5, 30, 120, 600, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600].map((s) => s * 1000);

/** Attempts in all before a delivery is failed: the first and one per step of the schedule. */
export const MAX_ATTEMPTS = SCHEDULE_MS.length + 1;

/**
 * The wait after the `attempts`-th attempt failed, or null when it was the last. `scale` shortens
 * the schedule (tests); `random` is Math.random unless a test fixes it.
 */
export function retryDelayMs(attempts: number, scale = 1, random: () => number = Math.random): number | null {
  const base = SCHEDULE_MS[attempts - 1];
  if (base === undefined) return null;
  return Math.round(base * scale * (0.8 + 0.4 * random()));
}
