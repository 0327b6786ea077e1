import Link from "next/link";
import { Search } from "lucide-react";
import type { CredentialDto } from "@/lib/credentials/dto";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";

type Props = {
  credentials: CredentialDto[];
  /** The label of each auth method (connection type) by key; a type deleted since shows its key. */
  methodLabels: Record<string, string>;
  label: string;
  nextCursor: string | null;
  /** The page's path, for the search form and the next-page link. */
  basePath: string;
  showOwner: boolean;
  empty: React.ReactNode;
  /** Query parameters the page needs kept, such as the tab. */
  keep?: Record<string, string>;
};

/** A searchable page of credentials; an incomplete one has a red bar on its left, the reason on hover. */
export function CredentialList({
  credentials,
  methodLabels,
  label,
  nextCursor,
  basePath,
  showOwner,
  empty,
  keep = {},
}: Props) {
  const next = nextCursor
    ? `${basePath}?${new URLSearchParams({ ...keep, ...(label ? { label } : {}), cursor: nextCursor })}`
    : null;
  return (
    <div className="space-y-4">
      <form role="search" action={basePath} className="flex max-w-md gap-2">
        {Object.entries(keep).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <label htmlFor="credential-search" className="sr-only">
          Filter credentials by name
        </label>
        <input
          id="credential-search"
          name="label"
          type="search"
          defaultValue={label}
          placeholder="Filter by name"
          className="block w-full rounded-md px-3 py-2 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
        />
        <button type="submit" className={buttonClass("secondary")}>
          <Search className="size-4" aria-hidden /> Search
        </button>
      </form>
      {credentials.length === 0 ? (
        label ? (
          <EmptyState title={`No credentials match “${label}”`}>
            Try another part of the name, or clear the filter.
          </EmptyState>
        ) : (
          <EmptyState title="No credentials yet">{empty}</EmptyState>
        )
      ) : (
        <ul
          className="divide-y divide-slate-200 overflow-hidden rounded-lg bg-white ring-1 ring-slate-200"
          aria-label="Credentials"
        >
          {credentials.map((c) => (
            <li
              key={c.id}
              className={`relative border-l-4 ${c.complete ? "border-transparent" : "border-red-500"}`}
              data-incomplete={!c.complete || undefined}
            >
              <Link
                href={`/credentials/${c.id}`}
                className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 hover:bg-slate-50"
                title={c.complete ? undefined : `Incomplete: ${c.statusReason}`}
              >
                <span>
                  <span className="block text-sm font-medium text-slate-900">{c.label}</span>
                  <span className="block text-xs text-slate-500">
                    {Object.hasOwn(methodLabels, c.authMethod) ? methodLabels[c.authMethod] : c.authMethod}
                    {showOwner
                      ? ` · ${c.owner.type === "organization" ? "Organization" : `Customer: ${c.owner.customerName}`}`
                      : null}
                  </span>
                </span>
                {c.complete ? null : (
                  <span className="text-xs font-medium text-red-700">
                    <span className="sr-only">Incomplete: </span>
                    {c.statusReason}
                  </span>
                )}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {next ? (
        <Link href={next} className={buttonClass("secondary")}>
          Next page
        </Link>
      ) : null}
    </div>
  );
}
