import Link from "next/link";
import { connectionsHref } from "@/lib/connections/connection-filter";
import { expiryBucketKeys, expiryBucketLabels, type ExpiryBucket } from "@/lib/connections/expiry-buckets";

const barTone: Record<ExpiryBucket, string> = {
  reauthorize: "bg-red-500",
  expired: "bg-red-400",
  "1h": "bg-amber-400",
  "6h": "bg-amber-300",
  "24h": "bg-sky-400",
  later: "bg-slate-300",
};

/** Upcoming access token expiries in buckets from now on, each a link to the connections behind it. */
export function ExpiryTimeline({ counts }: { counts: Record<ExpiryBucket, number> }) {
  const max = Math.max(1, ...expiryBucketKeys.map((k) => counts[k]));
  const total = expiryBucketKeys.reduce((n, k) => n + counts[k], 0);
  return (
    <section aria-labelledby="expiry-timeline-title">
      <h2 id="expiry-timeline-title" className="text-base font-semibold text-slate-900">
        Upcoming token expiries
      </h2>
      <p className="mt-1 mb-3 text-sm text-slate-600">
        {total === 0
          ? "No connection holds an OAuth token with an expiry yet."
          : "Connections by when their OAuth access token expires. Tokens with a refresh token (or client credentials) are renewed before they expire."}
      </p>
      <ol className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Token expiries, soonest first">
        {expiryBucketKeys.map((bucket) => (
          <li key={bucket}>
            <Link
              href={connectionsHref({ kind: "expiry", bucket })}
              className="block h-full rounded-lg bg-white p-3 ring-1 ring-slate-200 hover:ring-slate-400 focus-visible:outline-2 focus-visible:outline-brand-600"
              data-testid={`expiry-count-${bucket}`}
            >
              <span className="block text-xs font-medium text-slate-600">{expiryBucketLabels[bucket].label}</span>
              <span className="mt-1 block text-2xl font-semibold text-slate-900" data-count>
                {counts[bucket]}
              </span>
              <span className="mt-2 block h-1.5 rounded-full bg-slate-100" aria-hidden>
                <span
                  className={`block h-full rounded-full ${barTone[bucket]}`}
                  style={{ width: `${(counts[bucket] / max) * 100}%` }}
                />
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </section>
  );
}
