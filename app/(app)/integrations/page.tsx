import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireTeamMember } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Integrations" };

// GET /integrations - an honest empty state until this part of Latchkey is built
export default async function IntegrationsPage() {
  await requireTeamMember();
  return (
    <>
      <PageHeader title="Integrations" />
      <EmptyState title="Integrations you design appear here">Design an integration, add its config variables and the configuration wizard customers fill in, then deploy it to customers. Integration design arrives with the connection types and wizard designer.</EmptyState>
    </>
  );
}
