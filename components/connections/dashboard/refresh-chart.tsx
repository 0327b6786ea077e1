import Link from "next/link";
import { connectionsHref } from "@/lib/connections/connection-filter";
import { hourLabel, type RefreshOutcome } from "@/lib/connections/refresh-window";

export type RefreshHourFigures = { start: string; refreshed: number; failed: number };

const hrefOf = (outcome: RefreshOutcome, start?: string) =>
  connectionsHref({ kind: "refresh", outcome, hour: start ? new Date(start) : null });
const figures = (h: RefreshHourFigures) => `${h.refreshed} refreshed, ${h.failed} failed`;

/**
 * Token refreshes of the last 24 hours as an hourly bar chart: successes green, failures red on top.
 * Each non-empty hour is a link (its name carries the figures); the same figures are in a table.
 */
export function RefreshChart({ hours }: { hours: RefreshHourFigures[] }) {
  const max = Math.max(1, ...hours.map((h) => h.refreshed + h.failed));
  const refreshed = hours.reduce((n, h) => n + h.refreshed, 0);
  const failed = hours.reduce((n, h) => n + h.failed, 0);
  return (
    <section aria-labelledby="refresh-chart-title">
      <figure className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <figcaption>
          <h2 id="refresh-chart-title" className="text-base font-semibold text-slate-900">
            Token refreshes in the last 24 hours
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            <Link href={hrefOf("refreshed")} className="text-brand-700 hover:underline" data-testid="refreshed-total">
              {refreshed} refreshed
            </Link>
            {" · "}
            <Link href={hrefOf("failed")} className="text-brand-700 hover:underline" data-testid="failed-total">
              {failed} failed
            </Link>
            <span> · hours in UTC</span>
          </p>
        </figcaption>
        {refreshed + failed === 0 ? (
          <p className="mt-4 text-sm text-slate-600">
            No token was refreshed in the last 24 hours, and no refresh failed.
          </p>
        ) : null}
        <ol
          className={`mt-4 flex items-end gap-0.5 border-b border-slate-300 sm:gap-1 ${refreshed + failed === 0 ? "h-8" : "h-40"}`}
          aria-label="Refreshes per hour, oldest first"
        >
          {hours.map((h) => {
            const total = h.refreshed + h.failed;
            const label = `${hourLabel(new Date(h.start))}: ${figures(h)}`;
            const bar = (
              <span className="flex h-full w-full flex-col justify-end" aria-hidden>
                <span
                  className="block w-full rounded-t-sm bg-red-500"
                  style={{ height: `${(h.failed / max) * 100}%` }}
                />
                <span className="block w-full bg-emerald-500" style={{ height: `${(h.refreshed / max) * 100}%` }} />
              </span>
            );
            return (
              <li key={h.start} className="flex h-full flex-1 items-end">
                {total === 0 ? (
                  <span className="sr-only">{label}</span>
                ) : (
                  <Link
                    href={hrefOf("any", h.start)}
                    aria-label={`${label}. Show the connections`}
                    title={label}
                    className="flex h-full w-full items-end hover:opacity-80 focus-visible:outline-2 focus-visible:outline-brand-600"
                  >
                    {bar}
                  </Link>
                )}
              </li>
            );
          })}
        </ol>
        <div className="mt-1 flex gap-0.5 text-xs text-slate-500 sm:gap-1" aria-hidden>
          {hours.map((h, i) => (
            <span key={h.start} className="flex-1 overflow-visible whitespace-nowrap">
              {i === hours.length - 1 ? "now" : i % 6 === 0 ? h.start.slice(11, 16) : ""}
            </span>
          ))}
        </div>
        <p className="mt-2 flex gap-4 text-xs text-slate-600" aria-hidden>
          <span className="flex items-center gap-1.5">
            <span className="size-2.5 rounded-sm bg-emerald-500" /> Refreshed
          </span>
          <span className="flex items-center gap-1.5">
            <span className="size-2.5 rounded-sm bg-red-500" /> Failed (including re-authorization needed)
          </span>
        </p>
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer font-medium text-slate-700">Show the figures as a table</summary>
          <RefreshTable hours={hours} />
        </details>
      </figure>
    </section>
  );
}

function RefreshTable({ hours }: { hours: RefreshHourFigures[] }) {
  const cell = (n: number, outcome: RefreshOutcome, start: string) =>
    n === 0 ? (
      "0"
    ) : (
      <Link href={hrefOf(outcome, start)} className="text-brand-700 hover:underline">
        {n}
      </Link>
    );
  return (
    <table className="mt-2 w-full max-w-md text-left">
      <caption className="sr-only">Token refreshes per hour in the last 24 hours</caption>
      <thead>
        <tr className="text-xs text-slate-500">
          <th scope="col" className="py-1 font-medium">
            Hour (UTC)
          </th>
          <th scope="col" className="py-1 font-medium">
            Refreshed
          </th>
          <th scope="col" className="py-1 font-medium">
            Failed
          </th>
        </tr>
      </thead>
      <tbody>
        {hours.map((h) => (
          <tr key={h.start} className="border-t border-slate-100">
            <th scope="row" className="py-1 font-normal">
              {hourLabel(new Date(h.start))}
            </th>
            <td className="py-1">{cell(h.refreshed, "refreshed", h.start)}</td>
            <td className="py-1">{cell(h.failed, "failed", h.start)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
