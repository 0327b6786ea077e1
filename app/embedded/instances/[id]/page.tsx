import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { StatusLegend } from "@/components/connections/status-badge";
import { ConnectionStatusReporter } from "@/components/embedded/embedded-bridge";
import { EmbeddedOAuthPanel } from "@/components/embedded/embedded-oauth-panel";
import { ConnectionCard } from "@/components/instances/connection-card";
import { WizardSave } from "@/components/instances/wizard-save";
import { DeleteInstanceButton } from "@/components/instances/delete-instance-button";
import { DangerZone } from "@/components/ui/danger-zone";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireEmbeddedUser } from "@/lib/auth/session";
import { embeddedInstanceWizard, logEmbeddedNotFound } from "@/lib/embedding/instances";
import { NotFoundError } from "@/lib/errors";

export const metadata = { title: "Configure" };

// GET /embedded/instances/{id} - the configuration wizard of one of the embedded user's instances; another customer's is 404
export default async function EmbeddedInstancePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireEmbeddedUser();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) {
    logEmbeddedNotFound(user, id);
    notFound();
  }
  const { instance, connections } = await embeddedInstanceWizard(await getDb(), user, id).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/embedded" className="text-brand-700 hover:underline">
          ← Integrations
        </Link>
      </p>
      <PageHeader title={instance.name} description={`Configuration of ${instance.integrationName}`} />
      <ConnectionStatusReporter
        instanceId={instance.id}
        connections={connections.map((c) => ({ key: c.key, status: c.status }))}
      />
      <div className="space-y-4">
        <StatusLegend />
        {connections.length === 0 ? (
          <EmptyState title="Nothing to configure">This integration needs no connections.</EmptyState>
        ) : null}
        {connections.length > 0 ? (
          <WizardSave connections={connections.map((c) => ({ key: c.key, label: c.label }))}>
            {connections.map((c) => (
              <ConnectionCard
                key={c.key}
                instanceId={instance.id}
                connection={c}
                writable
                oauthPanel={
                  !c.connectionType.traits.holdsTokens ? undefined : (
                    <EmbeddedOAuthPanel instanceId={instance.id} connection={c} />
                  )
                }
              />
            ))}
          </WizardSave>
        ) : null}
      </div>
      <DangerZone description="Deleting this configuration deletes what you entered for it; enable the integration again to start over.">
        <DeleteInstanceButton id={instance.id} name={instance.name} after="/embedded" />
      </DangerZone>
    </>
  );
}
