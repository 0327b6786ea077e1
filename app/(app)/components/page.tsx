import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { CatalogueBrowser } from "@/components/connection-types/catalogue-browser";
import { ConnectionTypeTable } from "@/components/connection-types/connection-type-table";
import { can } from "@/lib/auth/permissions";
import { requireTeamMember } from "@/lib/auth/session";
import { categoryOf, searchCatalogue } from "@/lib/connection-types/catalogue-search";
import { listConnectionTypes } from "@/lib/connection-types/service";

export const metadata: Metadata = { title: "Components" };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.slice(0, 100) : "");

// GET /components?q=&category= - the catalogue: the organization's own connection types, then the
// built-in ones, searched and filtered by category
export default async function ComponentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireTeamMember();
  const params = await searchParams;
  const q = one(params.q).trim();
  const category = categoryOf(one(params.category));
  const types = await listConnectionTypes(await getDb(), user.organizationId);
  const custom = types.filter((t) => !t.builtIn);
  const builtIn = types.filter((t) => t.builtIn);
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
        <CatalogueBrowser
          types={searchCatalogue(builtIn, { q, category })}
          q={q}
          category={category}
          total={builtIn.length}
        />
      </section>
    </>
  );
}
