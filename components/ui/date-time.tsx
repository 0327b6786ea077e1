"use client";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

/** "3 minutes ago", "in 2 hours": the largest unit that fits, in the reader's locale. */
export function relativeTime(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  for (const [unit, size] of UNITS)
    if (Math.abs(seconds) >= size || unit === "second") return format.format(Math.round(seconds / size), unit);
  return format.format(0, "second");
}

/**
 * A time in the reader's locale, with the exact time on hover. `relative` says it as "5 minutes
 * ago" (logs, where how long ago matters more than when).
 */
export function DateTime({
  iso,
  empty = "Never",
  relative = false,
}: {
  iso: string | null;
  empty?: string;
  relative?: boolean;
}) {
  if (!iso) return <span className="text-slate-500">{empty}</span>;
  const date = new Date(iso);
  const exact = date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
  return (
    <time dateTime={iso} title={relative ? exact : iso} suppressHydrationWarning>
      {relative ? relativeTime(date) : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}
    </time>
  );
}
