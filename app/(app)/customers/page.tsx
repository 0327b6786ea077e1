import type { Metadata } from "next";
import Link from "next/link";
import { Search } from "lucide-react";
import { getDb } from "@/db/client";
import { CustomerFormButton } from "@/components/customers/customer-form-dialog";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireTeamMember } from "@/lib/auth/session";
import { readListParams } from "@/lib/credentials/list-params";
import { listCustomerDtos } from "@/lib/customers/service";

export const metadata: Metadata = { title: "Customers" };

// GET /customers - the organization's customers, searchable by name or external id
export default async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireTeamMember();
  const { label: search, cursor } = readListParams(await searchParams);
  const page = await listCustomerDtos(await getDb(), user.organizationId, {
    search: search || undefined,
    cursor,
    limit: 25,
  });
  const next = page.nextCursor
    ? `/customers?${new URLSearchParams({ ...(search ? { label: search } : {}), cursor: page.nextCursor })}`
    : null;
  return (
    <>
      <PageHeader
        title="Customers"
        description="The companies that use your integrations. Each has its own instances and credentials, encrypted with its own key."
        action={can(user.role, "customers:write") ? <CustomerFormButton /> : null}
      />
      <form role="search" action="/customers" className="mb-4 flex max-w-md gap-2">
        <label htmlFor="customer-search" className="sr-only">
          Search customers
        </label>
        <input
          id="customer-search"
          name="label"
          type="search"
          defaultValue={search}
          placeholder="Name or external id"
          className="block w-full rounded-md px-3 py-2 text-sm ring-1 ring-slate-300"
        />
        <button type="submit" className={buttonClass("secondary")}>
          <Search className="size-4" aria-hidden /> Search
        </button>
      </form>
      {page.data.length === 0 ? (
        <EmptyState title={search ? `No customers match “${search}”` : "No customers yet"}>
          {search ? "Try another part of the name." : "Add the companies you build integrations for with + Customer."}
        </EmptyState>
      ) : (
        <ul
          className="divide-y divide-slate-200 overflow-hidden rounded-lg bg-white ring-1 ring-slate-200"
          aria-label="Customers"
        >
          {page.data.map((c) => (
            <li key={c.id}>
              <Link
                href={`/customers/${c.id}`}
                className="flex items-center justify-between px-4 py-3 hover:bg-slate-50"
              >
                <span className="text-sm font-medium text-slate-900">{c.name}</span>
                {c.externalId ? <span className="font-mono text-xs text-slate-500">{c.externalId}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {next ? (
        <Link href={next} className={`${buttonClass("secondary")} mt-4`}>
          Next page
        </Link>
      ) : null}
    </>
  );
}
