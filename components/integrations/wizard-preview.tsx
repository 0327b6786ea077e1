import { ConnectionCard } from "@/components/instances/connection-card";
import { EmptyState } from "@/components/ui/empty-state";
import type { WizardConnection } from "@/lib/instances/connections";

/** The configuration wizard as a customer user will see it: only "customer" fields, defaults prefilled. */
export function WizardPreview({ connections }: { connections: WizardConnection[] }) {
  if (connections.length === 0)
    return (
      <EmptyState title="Nothing to configure">
        This integration has no connections, so its customers see no wizard.
      </EmptyState>
    );
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        This is what a customer sees when configuring an instance. Fields you made hidden or embedded are not shown;
        defaults are prefilled.
      </p>
      {connections.map((c) => (
        <ConnectionCard key={c.key} connection={c} writable={false} preview />
      ))}
    </div>
  );
}
