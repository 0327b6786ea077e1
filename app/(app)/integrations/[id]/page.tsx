import { baseUrlFieldsOf } from "@/lib/auth/visibility";
import { env } from "@/lib/env";
import { proxyTargetsOf } from "@/lib/proxy/describe";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { DeployButton } from "@/components/instances/deploy-dialog";
import { InstanceList } from "@/components/instances/instance-list";
import { IntegrationHeaderActions } from "@/components/integrations/integration-header-actions";
import { IntegrationDesigner } from "@/components/integrations/designer";
import { WizardPreview } from "@/components/integrations/wizard-preview";
import { previewWizard } from "@/lib/instances/connections";
import { EmptyState } from "@/components/ui/empty-state";
import { DangerZone } from "@/components/ui/danger-zone";
import { DeleteIntegrationButton } from "@/components/integrations/delete-integration-button";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireTeamMember } from "@/lib/auth/session";
import { stepActions } from "@/lib/connection-types/catalog/actions";
import { listConnectionTypes } from "@/lib/connection-types/service";
import { traitsOf } from "@/lib/connection-types/view";
import { listCustomerDtos } from "@/lib/customers/service";
import { NotFoundError } from "@/lib/errors";
import { listInstances } from "@/lib/instances/service";
import { getIntegration } from "@/lib/integrations/service";

export const metadata: Metadata = { title: "Integration" };

const tabs = { design: "Designer", preview: "Preview", instances: "Instances" } as const;
type Tab = keyof typeof tabs;

// GET /integrations/{id} - the Configuration Wizard Designer, its preview, and the instances
export default async function IntegrationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireTeamMember();
  const { id } = await params;
  const query = await searchParams;
  if (!z.uuid().safeParse(id).success) notFound();
  const db = await getDb();
  const integration = await getIntegration(db, user.organizationId, id).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const tab: Tab = query.tab === "preview" || query.tab === "instances" ? query.tab : "design";
  const writable = can(user.role, "catalog:write");
  const types = await listConnectionTypes(db, user.organizationId);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/integrations" className="text-brand-700 hover:underline">
          ← Integrations
        </Link>
      </p>
      <PageHeader
        title={integration.name}
        description={integration.description || undefined}
        action={
          writable ? (
            <IntegrationHeaderActions id={id} name={integration.name} description={integration.description} />
          ) : null
        }
      />
      <nav aria-label="Integration" className="mb-6">
        {/* Scrolls sideways on a narrow screen rather than wrapping; the inset shadow is the baseline. */}
        <ul className="relative flex gap-6 overflow-x-auto whitespace-nowrap shadow-[inset_0_-1px_0_var(--color-slate-200)]">
          {(Object.keys(tabs) as Tab[]).map((t) => (
            <li key={t}>
              <Link
                href={`/integrations/${id}?tab=${t}`}
                aria-current={tab === t ? "page" : undefined}
                className={`inline-block border-b-2 px-1 pb-3 text-sm font-medium ${tab === t ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-800"}`}
              >
                {tabs[t]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === "design" ? (
        <IntegrationDesigner
          integration={integration}
          types={types.map((t) => {
            const bases = baseUrlFieldsOf(t);
            return {
              key: t.key,
              label: t.label,
              kind: t.kind,
              authorizes: traitsOf(t).authorizes,
              fields: t.fields.map((f) => ({
                key: f.key,
                label: f.label,
                secret: f.secret,
                required: f.required,
                default: f.default ?? null,
                type: f.type,
                baseUrl: bases.has(f.key),
              })),
              ...(t.proxy
                ? {
                    proxy: {
                      urlPrefix: `${env.baseUrl}/api/v1/instances/{instance id}/connections/`,
                      targets: proxyTargetsOf(t),
                    },
                  }
                : {}),
            };
          })}
          actions={stepActions(types)}
          writable={writable}
        />
      ) : tab === "preview" ? (
        <WizardPreview connections={await previewWizard(await getDb(), user.organizationId, id)} />
      ) : (
        <InstancesTab
          integrationId={id}
          integrationName={integration.name}
          organizationId={user.organizationId}
          canDeploy={can(user.role, "instances:write")}
        />
      )}
      {tab === "design" && writable ? (
        <DangerZone description="Deleting the integration deletes its instances, with the credentials their wizards created.">
          <DeleteIntegrationButton id={id} name={integration.name} />
        </DangerZone>
      ) : null}
    </>
  );
}

async function InstancesTab({
  integrationId,
  integrationName,
  organizationId,
  canDeploy,
}: {
  integrationId: string;
  integrationName: string;
  organizationId: string;
  canDeploy: boolean;
}) {
  const db = await getDb();
  const [instances, customers] = await Promise.all([
    listInstances(db, { organizationId }, { integrationId }),
    listCustomerDtos(db, organizationId, { limit: 200 }),
  ]);
  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        {canDeploy ? (
          <DeployButton
            integrationId={integrationId}
            customers={customers.data.map((c) => ({ id: c.id, name: c.name }))}
            label="Deploy to a customer"
            defaultName={integrationName}
          />
        ) : null}
      </div>
      {instances.length === 0 ? (
        <EmptyState title="Not deployed yet">
          Deploy {integrationName} to a customer; the customer then fills in its configuration wizard.
        </EmptyState>
      ) : (
        <InstanceList instances={instances} show="customer" />
      )}
    </div>
  );
}
