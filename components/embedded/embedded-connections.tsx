import Link from "next/link";
import { StatusBadge } from "@/components/connections/status-badge";
import { ConnectionLogButton } from "@/components/instances/connection-log-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import type { InstanceDto } from "@/lib/instances/service";

/** Every connection of the customer's instances: its status with the reason, and its log. */
export function EmbeddedConnections({ instances }: { instances: InstanceDto[] }) {
  if (instances.length === 0) {
    return (
      <EmptyState title="No connections yet">
        Enable an integration under{" "}
        <Link href="/embedded" className="text-brand-700 hover:underline">
          Integrations
        </Link>{" "}
        first.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-4">
      {instances.map((i) => (
        <section key={i.id} aria-labelledby={`instance-${i.id}`} className="rounded-lg bg-white ring-1 ring-slate-200">
          <header className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
            <h2 id={`instance-${i.id}`} className="text-sm font-semibold text-slate-900">
              {i.name}
            </h2>
            <Link href={`/embedded/instances/${i.id}`} className="text-sm text-brand-700 hover:underline">
              Configure
            </Link>
          </header>
          <ul className="divide-y divide-slate-100" aria-label={`Connections of ${i.name}`}>
            {i.connections.length === 0 ? <li className="px-4 py-3 text-sm text-slate-500">No connections</li> : null}
            {i.connections.map((c) => (
              <li
                key={c.key}
                className="flex flex-wrap items-center justify-between gap-3 px-4 py-3"
                data-connection={c.key}
              >
                <div className="min-w-0">
                  <p className="text-sm font-medium text-slate-800">{c.label}</p>
                  <p className="text-xs text-slate-500">{c.connectionTypeLabel}</p>
                </div>
                <div className="flex items-center gap-3">
                  <StatusBadge status={c.status} reason={c.statusReason} />
                  <ConnectionLogButton instanceId={i.id} connectionKey={c.key} label={c.label} />
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
