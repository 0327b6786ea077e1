import { ProxyUrl } from "@/components/connection-types/proxy-section";
import { DateTime } from "@/components/ui/date-time";
import type { ConnectionProxyView } from "@/lib/proxy/describe";

/** The proxy URL of each connection that has one, and its calls over the last hour. */
export function ProxyPanel({ proxies }: { proxies: ConnectionProxyView[] }) {
  if (proxies.length === 0) return null;
  return (
    <section aria-labelledby="proxy-heading" className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 id="proxy-heading" className="text-base font-semibold">
        Proxy
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Integration code calls these URLs with a runtime key (any method, the API&apos;s own path and query); Latchkey
        applies the credentials, refreshing tokens as needed, so the code never holds a secret.
      </p>
      <ul className="mt-4 space-y-5">
        {proxies.map((p) => (
          <li key={p.key} aria-label={`Proxy of ${p.label}`} className="space-y-2">
            <h3 className="text-sm font-medium text-slate-800">{p.label}</h3>
            <ProxyUrl url={p.url} targets={p.targets} names={p.names} />
            {p.figures ? (
              <dl
                className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4"
                aria-label={`Calls of ${p.label}, last hour`}
              >
                <Figure term="Calls (last hour)" value={String(p.figures.calls)} />
                <Figure term="Errors" value={String(p.figures.errors)} />
                <Figure term="p50" value={p.figures.p50Ms === null ? "—" : `${p.figures.p50Ms} ms`} />
                <Figure term="p99" value={p.figures.p99Ms === null ? "—" : `${p.figures.p99Ms} ms`} />
              </dl>
            ) : null}
            {p.figures?.lastError ? (
              <p className="text-sm text-red-700">
                Last error <DateTime iso={p.figures.lastError.at} />: {p.figures.lastError.message}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Figure({ term, value }: { term: string; value: string }) {
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2">
      <dt className="text-xs text-slate-500">{term}</dt>
      <dd className="font-mono text-slate-900">{value}</dd>
    </div>
  );
}
