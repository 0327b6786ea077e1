import Link from "next/link";
import { StatusBadge } from "@/components/connections/status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { InstanceDto } from "@/lib/instances/service";
import { EnableButton } from "./enable-button";

type Offered = { id: string; name: string; description: string | null };

/** The integrations an organization offers, each enabled (with its connections' status) or ready to enable. */
export function EmbeddedMarketplace({
  organizationName,
  offered,
  instances,
}: {
  organizationName: string;
  offered: Offered[];
  instances: InstanceDto[];
}) {
  if (offered.length === 0)
    return <EmptyState title="No integrations yet">{organizationName} offers no integrations yet.</EmptyState>;
  return (
    <ul className="grid gap-4 sm:grid-cols-2" aria-label="Integrations">
      {offered.map((i) => {
        const instance = instances.find((m) => m.integrationId === i.id);
        return (
          <li
            key={i.id}
            className="flex flex-col justify-between gap-4 rounded-lg bg-white p-4 ring-1 ring-slate-200"
            data-integration={i.name}
          >
            <div>
              <h2 className="font-medium text-slate-900">{i.name}</h2>
              {i.description ? <p className="mt-1 text-sm text-slate-600">{i.description}</p> : null}
              {instance ? (
                <ul className="mt-3 space-y-1" aria-label={`Connections of ${i.name}`}>
                  {instance.connections.map((c) => (
                    <li key={c.key} className="flex items-center gap-2 text-xs text-slate-700">
                      <span>{c.label}</span>
                      <StatusBadge status={c.status} reason={c.statusReason} compact />
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
            <div>
              {instance ? (
                <Link
                  href={`/embedded/instances/${instance.id}`}
                  className="text-sm font-medium text-brand-700 hover:underline"
                >
                  Configure {i.name} →
                </Link>
              ) : (
                <EnableButton integrationId={i.id} name={i.name} />
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
