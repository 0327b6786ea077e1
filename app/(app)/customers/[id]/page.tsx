import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { CreateCredentialButton } from "@/components/credentials/create-credential-dialog";
import { CredentialList } from "@/components/credentials/credential-list";
import { CustomerFormButton } from "@/components/customers/customer-form-dialog";
import { DeleteCustomerButton } from "@/components/customers/delete-customer-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { DangerZone } from "@/components/ui/danger-zone";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireTeamMember } from "@/lib/auth/session";
import { CREDENTIALS_PAGE_SIZE, readListParams } from "@/lib/credentials/list-params";
import { listCredentialPage } from "@/lib/credentials/service";
import { countCustomerDependents, getCustomerDto } from "@/lib/customers/service";
import { NotFoundError } from "@/lib/errors";
import { listInstances } from "@/lib/instances/service";
import { listIntegrations } from "@/lib/integrations/service";
import { DeployButton } from "@/components/instances/deploy-dialog";
import { InstanceList } from "@/components/instances/instance-list";
import { StatusLegend } from "@/components/connections/status-badge";

export const metadata: Metadata = { title: "Customer" };

// GET /customers/{id} - a customer with its Instances and Credentials tabs
export default async function CustomerPage({
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
  const customer = await getCustomerDto(db, user.organizationId, id).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const tab = query.tab === "credentials" ? "credentials" : "instances";
  const { label, cursor } = readListParams(query);
  const writable = can(user.role, "customers:write");
  const basePath = `/customers/${id}`;
  return (
    <>
      <PageHeader
        title={customer.name}
        description={customer.externalId ? `External id ${customer.externalId}` : "No external id"}
        action={
          writable ? (
            <div className="flex gap-2">
              <CustomerFormButton customer={customer} />
            </div>
          ) : null
        }
      />
      <nav aria-label="Customer" className="mb-6">
        {/* Scrolls sideways on a narrow screen rather than wrapping; the inset shadow is the baseline. */}
        <ul className="relative flex gap-6 overflow-x-auto whitespace-nowrap shadow-[inset_0_-1px_0_var(--color-slate-200)]">
          {(["instances", "credentials"] as const).map((t) => (
            <li key={t}>
              <Link
                href={`${basePath}?tab=${t}`}
                aria-current={tab === t ? "page" : undefined}
                className={`inline-block border-b-2 px-1 pb-3 text-sm font-medium capitalize ${tab === t ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-800"}`}
              >
                {t}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === "instances" ? (
        <CustomerInstances
          organizationId={user.organizationId}
          customerId={id}
          customerName={customer.name}
          canDeploy={can(user.role, "instances:write")}
        />
      ) : (
        <div className="space-y-4">
          <div className="flex justify-end">
            {can(user.role, "credentials:write") ? (
              <CreateCredentialButton customerId={id} ownerLabel={customer.name} />
            ) : null}
          </div>
          <CustomerCredentials
            organizationId={user.organizationId}
            customerId={id}
            label={label}
            cursor={cursor}
            basePath={basePath}
          />
        </div>
      )}
      {writable && tab === "instances" ? (
        <DangerZone description="Deleting the customer deletes its instances, credentials, customer users and encryption key.">
          <DeleteCustomerButton
            id={id}
            name={customer.name}
            dependents={await countCustomerDependents(db, user.organizationId, id)}
          />
        </DangerZone>
      ) : null}
    </>
  );
}

async function CustomerCredentials({
  organizationId,
  customerId,
  label,
  cursor,
  basePath,
}: {
  organizationId: string;
  customerId: string;
  label: string;
  cursor?: string;
  basePath: string;
}) {
  const page = await listCredentialPage(
    await getDb(),
    { organizationId },
    { owner: "customer", customerId, label: label || undefined, cursor, limit: CREDENTIALS_PAGE_SIZE },
  );
  return (
    <CredentialList
      methodLabels={page.methodLabels}
      credentials={page.data}
      label={label}
      nextCursor={page.nextCursor}
      basePath={basePath}
      keep={{ tab: "credentials" }}
      showOwner={false}
      empty="Add a credential that belongs to this customer only, encrypted with its own key."
    />
  );
}

async function CustomerInstances({
  organizationId,
  customerId,
  customerName,
  canDeploy,
}: {
  organizationId: string;
  customerId: string;
  customerName: string;
  canDeploy: boolean;
}) {
  const db = await getDb();
  const [instances, integrations] = await Promise.all([
    listInstances(db, { organizationId }, { customerId }),
    listIntegrations(db, organizationId, { limit: 100 }),
  ]);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <StatusLegend />
        {canDeploy ? (
          <DeployButton
            customerId={customerId}
            integrations={integrations.data.map((i) => ({ id: i.id, name: i.name }))}
            label="Deploy an integration"
          />
        ) : null}
      </div>
      {instances.length === 0 ? (
        <EmptyState title="No instances yet">
          Deploy an integration to {customerName}; the instance then asks for its connections.
        </EmptyState>
      ) : (
        <InstanceList instances={instances} show="integration" />
      )}
    </div>
  );
}
