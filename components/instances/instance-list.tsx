import Link from "next/link";
import { StatusBadge } from "@/components/connections/status-badge";
import type { InstanceDto } from "@/lib/instances/service";

/** Instances with the status of each connection; `show` says which name identifies each row. */
export function InstanceList({ instances, show }: { instances: InstanceDto[]; show: "customer" | "integration" }) {
  return (
    <ul
      aria-label="Instances"
      className="divide-y divide-slate-200 overflow-hidden rounded-lg bg-white ring-1 ring-slate-200"
    >
      {instances.map((i) => (
        <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="min-w-0">
            <Link href={`/instances/${i.id}`} className="text-sm font-medium text-brand-700 hover:underline">
              {i.name}
            </Link>
            <p className="text-xs text-slate-500">{show === "customer" ? i.customerName : i.integrationName}</p>
          </div>
          <ul className="flex flex-wrap gap-2" aria-label={`Connections of ${i.name}`}>
            {i.connections.length === 0 ? <li className="text-xs text-slate-500">No connections</li> : null}
            {i.connections.map((c) => (
              <li key={c.key} className="flex items-center gap-1.5 text-xs text-slate-700">
                <span>{c.label}</span>
                <StatusBadge status={c.status} reason={c.statusReason} />
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
