import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireTeamMember } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Components" };

// GET /components - an honest empty state until this part of Latchkey is built
export default async function ComponentsPage() {
  await requireTeamMember();
  return (
    <>
      <PageHeader title="Components" />
      <EmptyState title="No connection types yet">The catalogue of connection types (built-in ones such as Slack or Amazon S3, and your own) that integrations use to connect to services.</EmptyState>
    </>
  );
}
