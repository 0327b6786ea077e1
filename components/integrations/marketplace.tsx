import Link from "next/link";
import { getDb } from "@/db/client";
import { DeployButton } from "@/components/instances/deploy-dialog";
import { InstanceList } from "@/components/instances/instance-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { CurrentUser } from "@/lib/auth/session";
import { listIntegrations } from "@/lib/integrations/service";
import { listInstances } from "@/lib/instances/service";
import { scopeOf } from "@/lib/tenancy";

/**
 * What a customer user sees under Integrations: the organization's integrations to enable, and
 * the instances of their own company. Only names and descriptions reach the page, never a design.
 */
export async function IntegrationMarketplace({ user }: { user: CurrentUser }) {
  const db = await getDb();
  const [offered, mine] = await Promise.all([listIntegrations(db, user.organizationId, { limit: 100 }), listInstances(db, scopeOf(user))]);
  return (
    <>
      <PageHeader title="Integrations" description={`Integrations ${user.organizationName} offers. Enable one, then fill in its configuration.`} />
      <section aria-labelledby="my-instances" className="mb-8">
        <h2 id="my-instances" className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">
          Enabled
        </h2>
        {mine.length === 0 ? <p className="text-sm text-slate-600">Nothing enabled yet.</p> : <InstanceList instances={mine} show="integration" />}
      </section>
      <section aria-labelledby="offered">
        <h2 id="offered" className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">
          Available
        </h2>
        {offered.data.length === 0 ? (
          <EmptyState title="No integrations offered yet">{user.organizationName} has not published any integrations.</EmptyState>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2" aria-label="Available integrations">
            {offered.data.map((i) => {
              const existing = mine.find((m) => m.integrationId === i.id);
              return (
                <li key={i.id} className="flex flex-col justify-between gap-4 rounded-lg bg-white p-4 ring-1 ring-slate-200">
                  <div>
                    <h3 className="font-medium text-slate-900">{i.name}</h3>
                    {i.description ? <p className="mt-1 text-sm text-slate-600">{i.description}</p> : null}
                  </div>
                  <div>
                    {existing ? (
                      <Link href={`/instances/${existing.id}`} className="text-sm font-medium text-brand-700 hover:underline">
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
