import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { CreateIntegrationButton } from "@/components/integrations/create-integration-dialog";
import { IntegrationMarketplace } from "@/components/integrations/marketplace";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listIntegrations } from "@/lib/integrations/service";
import { listInstances } from "@/lib/instances/service";
import { scopeOf } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Integrations" };

// GET /integrations - the team designs integrations here; a customer user enables them here
export default async function IntegrationsPage() {
  const user = await requireUser();
  const db = await getDb();
  if (user.role === "customer") {
    const [offered, mine] = await Promise.all([
      listIntegrations(db, user.organizationId, { limit: 100 }),
      listInstances(db, scopeOf(user)),
    ]);
    return (
      <IntegrationMarketplace
        organizationName={user.organizationName}
        offered={offered.data.map((i) => ({ id: i.id, name: i.name, description: i.description ?? null }))}
        mine={mine}
      />
    );
  }
  const page = await listIntegrations(db, user.organizationId, { limit: 100 });
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Each integration has connections that its steps use, and the configuration wizard customers fill in for them."
        action={can(user.role, "catalog:write") ? <CreateIntegrationButton /> : null}
      />
      {page.data.length === 0 ? (
        <EmptyState title="No integrations yet">
          Create one with + Integration, add a connection and steps in the designer, then deploy it to customers.
        </EmptyState>
      ) : (
        <ul
          aria-label="Integrations"
          className="divide-y divide-slate-200 overflow-hidden rounded-lg bg-white ring-1 ring-slate-200"
        >
          {page.data.map((i) => (
            <li key={i.id}>
              <Link href={`/integrations/${i.id}`} className="block px-4 py-3 hover:bg-slate-50">
                <span className="text-sm font-medium text-slate-900">{i.name}</span>
                <span className="ml-3 text-xs text-slate-500">
                  {i.configVariables.length} connection{i.configVariables.length === 1 ? "" : "s"} · {i.steps.length}{" "}
                  step{i.steps.length === 1 ? "" : "s"}
                </span>
                {i.description ? <p className="mt-0.5 text-sm text-slate-600">{i.description}</p> : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
