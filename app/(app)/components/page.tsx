import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { ConnectionTypeTable } from "@/components/connection-types/connection-type-table";
import { can } from "@/lib/auth/permissions";
import { requireTeamMember } from "@/lib/auth/session";
import { listConnectionTypes } from "@/lib/connection-types/service";

export const metadata: Metadata = { title: "Components" };

// GET /components - the catalogue: built-in connection types and the organization's own
export default async function ComponentsPage() {
  const user = await requireTeamMember();
  const types = await listConnectionTypes(await getDb(), user.organizationId);
  const custom = types.filter((t) => !t.builtIn);
  return (
    <>
      <PageHeader
        title="Components"
        description="Connection types that integrations use to reach a service: what each asks for, and how it authorizes."
        action={
          can(user.role, "catalog:write") ? (
            <Link href="/components/new" className={buttonClass()}>
              + Connection type
            </Link>
          ) : null
        }
      />
      <section aria-labelledby="custom-types" className="mb-8">
        <h2 id="custom-types" className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">
          Your connection types
        </h2>
        {custom.length > 0 ? (
          <ConnectionTypeTable types={custom} />
        ) : (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-sm text-slate-600">
            None yet. Declare one with + Connection type when a service is not in the catalogue below.
          </p>
        )}
      </section>
      <section aria-labelledby="built-in-types">
        <h2 id="built-in-types" className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">
          Built in
        </h2>
        <ConnectionTypeTable types={types.filter((t) => t.builtIn)} />
      </section>
    </>
  );
}
