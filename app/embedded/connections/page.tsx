import { getDb } from "@/db/client";
import { EmbeddedConnections } from "@/components/embedded/embedded-connections";
import { PageHeader } from "@/components/ui/page-header";
import { requireEmbeddedUser } from "@/lib/auth/session";
import { listInstances } from "@/lib/instances/service";
import { scopeOf } from "@/lib/tenancy";

export const metadata = { title: "Connections" };

// GET /embedded/connections - the embedded user's customer's connections with status and logs
export default async function EmbeddedConnectionsPage() {
  const user = await requireEmbeddedUser();
  const instances = await listInstances(await getDb(), scopeOf(user));
  return (
    <>
      <PageHeader
        title="Connections"
        description="Green: used successfully. Yellow: configured, not used yet. Red: incomplete or failing; the reason is beside it."
      />
      <EmbeddedConnections instances={instances} />
    </>
  );
}
