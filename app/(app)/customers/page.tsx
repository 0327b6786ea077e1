import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireTeamMember } from "@/lib/auth/session";
import { listCustomerOptions } from "@/lib/customers/queries";

export const metadata: Metadata = { title: "Customers" };

// GET /customers - the organization's customers
export default async function CustomersPage() {
  const user = await requireTeamMember();
  const customers = await listCustomerOptions(await getDb(), user.organizationId);
  return (
    <>
      <PageHeader title="Customers" description="The companies that use your integrations. Each has its own instances and credentials, encrypted with its own key." />
      {customers.length === 0 ? (
        <EmptyState title="No customers yet">Customers appear here once they are added.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 overflow-hidden rounded-lg bg-white ring-1 ring-slate-200">
          {customers.map((c) => (
            <li key={c.id} className="px-4 py-3 text-sm font-medium text-slate-900">
              {c.name}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
