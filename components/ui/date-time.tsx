"use client";

/** A time in the reader's locale, with the exact ISO time on hover. */
export function DateTime({ iso, empty = "Never" }: { iso: string | null; empty?: string }) {
  if (!iso) return <span className="text-slate-500">{empty}</span>;
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={iso} suppressHydrationWarning>
      {date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}
    </time>
  );
}
