// The refresh chart's day: 24 whole hours, the current one last, counted in UTC so that every
// server and every database session cuts the hours at the same instants.

const HOUR_MS = 60 * 60 * 1000;

/** The log events of the refresh routine (lib/refresh): a success, and the two kinds of failure. */
export const REFRESH_SUCCESS_EVENT = "refreshed";
export const REFRESH_FAILURE_EVENTS = ["refresh failed", "re-authorization needed"] as const;

export type RefreshOutcome = "refreshed" | "failed" | "any";

/** The start of the hour that holds `at`. */
export function hourStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

/** The chart's window seen from `now`: from 23 hours before the current hour's start to that hour's end. */
export function lastDay(now: Date): { from: Date; to: Date } {
  const current = hourStart(now).getTime();
  return { from: new Date(current - 23 * HOUR_MS), to: new Date(current + HOUR_MS) };
}

/** One hour from its start. */
export function hourWindow(start: Date): { from: Date; to: Date } {
  return { from: start, to: new Date(start.getTime() + HOUR_MS) };
}

/** The starts of the chart's 24 hours, oldest first. */
export function lastDayHours(now: Date): Date[] {
  const { from } = lastDay(now);
  return Array.from({ length: 24 }, (_, i) => new Date(from.getTime() + i * HOUR_MS));
}

/** "14:00–15:00 UTC" for the hour that starts at `start`. */
export function hourLabel(start: Date): string {
  const hh = (d: Date) => `${String(d.getUTCHours()).padStart(2, "0")}:00`;
  return `${hh(start)}–${hh(new Date(start.getTime() + HOUR_MS))} UTC`;
}
