import Link from "next/link";
import { connectionsHref } from "@/lib/connections/connection-filter";
import { statusLegend, type ConnectionStatus } from "@/lib/connections/status";

const tone: Record<ConnectionStatus, { word: string; dot: string; ring: string }> = {
  green: { word: "Green", dot: "bg-emerald-500", ring: "hover:ring-emerald-300" },
  yellow: { word: "Yellow", dot: "bg-amber-400", ring: "hover:ring-amber-300" },
  red: { word: "Red", dot: "bg-red-500", ring: "hover:ring-red-300" },
};

/** How many connections are green, yellow and red, each count a link to the connections behind it. */
export function StatusCounts({ counts }: { counts: Record<ConnectionStatus, number> }) {
  const total = counts.green + counts.yellow + counts.red;
  return (
    <section aria-labelledby="status-counts-title">
      <div className="mb-3 flex items-baseline justify-between gap-4">
        <h2 id="status-counts-title" className="text-base font-semibold text-slate-900">
          Connections by status
        </h2>
        <Link href={connectionsHref({ kind: "all" })} className="text-sm text-brand-700 hover:underline">
          All {total} connections
        </Link>
      </div>
      <ul className="grid gap-4 sm:grid-cols-3">
        {statusLegend.map(({ status, meaning }) => (
          <li key={status}>
            <Link
              href={connectionsHref({ kind: "status", status })}
              className={`block h-full rounded-lg bg-white p-4 ring-1 ring-slate-200 ${tone[status].ring} focus-visible:outline-2 focus-visible:outline-brand-600`}
              data-testid={`status-count-${status}`}
            >
              <span className="flex items-center gap-2 text-sm font-medium text-slate-700">
                <span className={`size-2.5 rounded-full ${tone[status].dot}`} aria-hidden />
                {tone[status].word}
              </span>
              <span className="mt-1 block text-3xl font-semibold text-slate-900" data-count>
                {counts[status]}
              </span>
              <span className="mt-1 block text-xs text-slate-600">{meaning}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
