import Link from "next/link";
import { DeployButton } from "@/components/instances/deploy-dialog";
import { InstanceList } from "@/components/instances/instance-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { InstanceDto } from "@/lib/instances/service";

/**
 * What a customer user sees under Integrations: the organization's integrations to enable, and
 * the instances of their own company. Only names and descriptions reach the page, never a design.
 */
export function IntegrationMarketplace({
  organizationName,
  offered,
  mine,
}: {
  organizationName: string;
  offered: { id: string; name: string; description: string | null }[];
  mine: InstanceDto[];
}) {
  return (
    <>
      <PageHeader
        title="Integrations"
        description={`Integrations ${organizationName} offers. Enable one, then fill in its configuration.`}
      />
      <section aria-labelledby="my-instances" className="mb-8">
        <h2 id="my-instances" className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">
          Enabled
        </h2>
        {mine.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing enabled yet.</p>
        ) : (
          <InstanceList instances={mine} show="integration" />
        )}
      </section>
      <section aria-labelledby="offered">
        <h2 id="offered" className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">
          Available
        </h2>
        {offered.length === 0 ? (
          <EmptyState title="No integrations offered yet">
            {organizationName} has not published any integrations.
          </EmptyState>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2" aria-label="Available integrations">
            {offered.map((i) => {
              const existing = mine.find((m) => m.integrationId === i.id);
              return (
                <li
                  key={i.id}
                  className="flex flex-col justify-between gap-4 rounded-lg bg-white p-4 ring-1 ring-slate-200"
                >
                  <div>
                    <h3 className="font-medium text-slate-900">{i.name}</h3>
                    {i.description ? <p className="mt-1 text-sm text-slate-600">{i.description}</p> : null}
                  </div>
                  <div>
                    {existing ? (
                      <Link
                        href={`/instances/${existing.id}`}
                        className="text-sm font-medium text-brand-700 hover:underline"
                      >
                        Configure →
                      </Link>
                    ) : (
                      <DeployButton integrationId={i.id} label={`Enable ${i.name}`} />
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
