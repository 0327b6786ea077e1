import { statusLegend, type ConnectionStatus } from "@/lib/connections/status";

// `short` is what a compact pill says: the status in words, not only its colour.
const styles: Record<ConnectionStatus, { dot: string; text: string; word: string; short: string }> = {
  green: {
    dot: "bg-emerald-500",
    text: "text-emerald-800 bg-emerald-50 ring-emerald-200",
    word: "Green",
    short: "Working",
  },
  yellow: {
    dot: "bg-amber-400",
    text: "text-amber-800 bg-amber-50 ring-amber-200",
    word: "Yellow",
    short: "Not used yet",
  },
  red: { dot: "bg-red-500", text: "text-red-800 bg-red-50 ring-red-200", word: "Red", short: "Needs attention" },
};

/** A connection's colour with its reason; the word is there for those who cannot see the colour. */
export function StatusBadge({
  status,
  reason,
  compact = false,
}: {
  status: ConnectionStatus;
  reason: string;
  compact?: boolean;
}) {
  const s = styles[status];
  return (
    <span
      className={`inline-flex max-w-full items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${s.text}`}
      title={reason}
      data-status={status}
    >
      <span className={`size-2 shrink-0 rounded-full ${s.dot}`} aria-hidden />
      <span className="sr-only">Status {s.word}: </span>
      {compact ? <span aria-hidden>{s.short}</span> : null}
      <span className={compact ? "sr-only" : "truncate"}>{reason}</span>
    </span>
  );
}

/** A connection's colour word and its reason in full, wrapping: for tables where the reason matters. */
export function StatusWithReason({ status, reason }: { status: ConnectionStatus; reason: string }) {
  const s = styles[status];
  return (
    <span className="inline-flex items-start gap-1.5" data-status={status}>
      <span className={`mt-1.5 size-2 shrink-0 rounded-full ${s.dot}`} aria-hidden />
      <span>
        <span className="font-medium">{s.word}</span>: {reason}
      </span>
    </span>
  );
}

/** What the colours mean. */
export function StatusLegend() {
  return (
    <details className="rounded-md bg-white px-4 py-2 text-sm ring-1 ring-slate-200">
      <summary className="cursor-pointer font-medium text-slate-700">What the colours mean</summary>
      <ul className="mt-2 space-y-1.5 pb-1">
        {statusLegend.map((l) => (
          <li key={l.status} className="flex items-center gap-2 text-slate-700">
            <span className={`size-2.5 rounded-full ${styles[l.status].dot}`} aria-hidden />
            <span className="font-medium">{styles[l.status].word}</span>
            <span>{l.meaning}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
