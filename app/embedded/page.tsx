import { getDb } from "@/db/client";
import { EmbeddedMarketplace } from "@/components/embedded/embedded-marketplace";
import { PageHeader } from "@/components/ui/page-header";
import { requireEmbeddedUser } from "@/lib/auth/session";
import { listInstances } from "@/lib/instances/service";
import { listIntegrations } from "@/lib/integrations/service";
import { scopeOf } from "@/lib/tenancy";

export const metadata = { title: "Integrations" };

// GET /embedded - the marketplace inside a partner's iframe: the organization's integrations, enabled or not
export default async function EmbeddedMarketplacePage() {
  const user = await requireEmbeddedUser();
  const db = await getDb();
  const [offered, instances] = await Promise.all([
    listIntegrations(db, user.organizationId, { limit: 100 }),
    listInstances(db, scopeOf(user)),
  ]);
  return (
    <>
      <PageHeader title="Integrations" description="Enable an integration, then fill in its configuration." />
      <EmbeddedMarketplace
        organizationName={user.organizationName}
        offered={offered.data.map((i) => ({ id: i.id, name: i.name, description: i.description ?? null }))}
        instances={instances}
      />
    </>
  );
}
