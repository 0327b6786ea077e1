import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { StatusLegend } from "@/components/connections/status-badge";
import { ConnectionCard } from "@/components/instances/connection-card";
import { DeleteInstanceButton } from "@/components/instances/delete-instance-button";
import { ProxyPanel } from "@/components/instances/proxy-panel";
import { RuntimeKeys } from "@/components/instances/runtime-keys";
import { WizardSave } from "@/components/instances/wizard-save";
import { DangerZone } from "@/components/ui/danger-zone";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { instanceWizard } from "@/lib/instances/connections";
import { instanceProxies } from "@/lib/proxy/instance-proxies";
import { listRuntimeKeys } from "@/lib/runtime/keys";
import { scopeOf } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Instance" };

// GET /instances/{id} - the configuration wizard of an instance; a customer user sees only their own
export default async function InstancePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const isCustomer = user.role === "customer";
  const { instance, connections } = await instanceWizard(
    await getDb(),
    scopeOf(user),
    id,
    isCustomer ? "customer" : "organization",
  ).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const writable = can(user.role, "instances:write");
  const runtimeKeys =
    !isCustomer && can(user.role, "runtime-keys:manage")
      ? await listRuntimeKeys(await getDb(), scopeOf(user), instance.id)
      : null;
  // Integration code calls the proxy with organization or runtime keys: the team's business, not the customer's.
  const proxies = isCustomer ? [] : await instanceProxies(await getDb(), user.organizationId, instance.id, connections);
  const cards = connections.map((c) => (
    <ConnectionCard
      key={c.key}
      instanceId={instance.id}
      connection={c}
      writable={writable}
      canSendLink={!isCustomer && writable}
    />
  ));
  return (
    <>
      <p className="mb-2 text-sm">
        {isCustomer ? (
          <Link href="/integrations" className="text-brand-700 hover:underline">
            ← Integrations
          </Link>
        ) : (
          <Link href={`/customers/${instance.customerId}`} className="text-brand-700 hover:underline">
            ← {instance.customerName}
          </Link>
        )}
      </p>
      <PageHeader
        title={instance.name}
        description={
          isCustomer ? (
            `Configuration of ${instance.integrationName}`
          ) : (
            <>
              <Link
                href={`/integrations/${instance.integrationId}`}
                className="text-brand-700 underline hover:no-underline"
              >
                {instance.integrationName}
              </Link>{" "}
              deployed to {instance.customerName}
            </>
          )
        }
      />
      <div className="space-y-4">
        <StatusLegend />
        {connections.length === 0 ? (
          <EmptyState title="Nothing to configure">This integration needs no connections.</EmptyState>
        ) : null}
        {/* One Save for the wizard's cards, for those who may change them; readers get the cards alone. */}
        {connections.length > 0 && writable ? (
          <WizardSave connections={connections.map((c) => ({ key: c.key, label: c.label }))}>{cards}</WizardSave>
        ) : (
          cards
        )}
        <ProxyPanel proxies={proxies} />
        {runtimeKeys ? <RuntimeKeys instanceId={instance.id} keys={runtimeKeys} /> : null}
      </div>
      {writable ? (
        <DangerZone description="Deleting the instance deletes the credentials its wizard created; credentials it borrowed stay.">
          <DeleteInstanceButton
            id={instance.id}
            name={instance.name}
            after={isCustomer ? "/integrations" : `/customers/${instance.customerId}`}
          />
        </DangerZone>
      ) : null}
    </>
  );
}
