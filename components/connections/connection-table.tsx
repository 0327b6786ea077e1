import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import type { ConnectionListRow } from "@/lib/connections/connection-list";
import type { ConnectionRow } from "@/lib/connections/health";
import { StatusWithReason } from "./status-badge";

type ConnectionTableRow = ConnectionListRow;

const reasonOf = (r: ConnectionRow) =>
  r.status === "red"
    ? (r.reason ?? "The last use failed")
    : r.status === "green"
      ? "Used successfully"
      : "Configured, not used yet";

/** Connections with their instance, customer, status and reason; `show` adds the token or refresh columns. */
export function ConnectionTable({
  rows,
  caption,
  show,
}: {
  rows: ConnectionTableRow[];
  caption: string;
  show?: "token" | "refreshes";
}) {
  return (
    <div className="relative overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
      <table className="w-full text-left text-sm" aria-label={caption}>
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Instance
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Customer
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Connection
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Status and reason
            </th>
            {show === "token" ? (
              <>
                <th scope="col" className="px-4 py-2 font-medium">
                  Access token expires
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Renewal
                </th>
              </>
            ) : null}
            {show === "refreshes" ? (
              <th scope="col" className="px-4 py-2 font-medium">
                Refreshes
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={`${r.instanceId}/${r.connectionKey}`} data-connection={`${r.instanceId}/${r.connectionKey}`}>
              <td className="px-4 py-2">
                <Link href={`/instances/${r.instanceId}`} className="font-medium text-brand-700 hover:underline">
                  {r.instanceName}
                </Link>
              </td>
              <td className="px-4 py-2 text-slate-700">{r.customerName}</td>
              <td className="px-4 py-2 text-slate-700">
                {r.connectionLabel} <span className="font-mono text-xs text-slate-500">{r.connectionKey}</span>
              </td>
              <td className="max-w-md px-4 py-2 break-words text-slate-700">
                <StatusWithReason status={r.status} reason={reasonOf(r)} />
              </td>
              {show === "token" ? (
                <>
                  <td className="px-4 py-2 text-slate-700">
                    <DateTime iso={r.tokenExpiresAt} empty="No stated expiry" />
                  </td>
                  <td className="px-4 py-2 text-slate-700">{renewal(r)}</td>
                </>
              ) : null}
              {show === "refreshes" ? (
                <td className="px-4 py-2 text-slate-700">
                  {r.refreshCount ?? 0} refreshed, {r.failureCount ?? 0} failed
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function renewal(r: ConnectionTableRow) {
  if (r.needsReauthorization) return "Stopped: CONNECT again";
  if (!r.refreshable) return "No refresh token: CONNECT again when it expires";
  const failures = r.consecutiveFailures
    ? ` (${r.consecutiveFailures} failed ${r.consecutiveFailures === 1 ? "try" : "tries"} in a row)`
    : "";
  return (
    <>
      Next refresh <DateTime iso={r.nextRefreshAt ?? null} empty="not scheduled" />
      {failures}
    </>
  );
}
