import Link from "next/link";
import { categoryLabels, connectionCategories, type ConnectionCategory } from "@/lib/connection-types/categories";
import type { ConnectionType } from "@/lib/connection-types/definition";
import { BrandIcon } from "./brand-icon";
import { kindLabels } from "./connection-type-table";

// The built-in catalogue on the Components page: a search box and category links (a plain GET form
// and links, so it works before any script loads), then the matching types grouped by category.

type Props = {
  types: ConnectionType[];
  q: string;
  category: ConnectionCategory | undefined;
  total: number;
};

const chip = (active: boolean) =>
  `rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset ${
    active ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
  }`;

function href(q: string, category?: ConnectionCategory) {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (category) params.set("category", category);
  const query = params.toString();
  return `/components${query ? `?${query}` : ""}#built-in-types`;
}

/** The searchable, categorised catalogue of built-in connection types. */
export function CatalogueBrowser({ types, q, category, total }: Props) {
  const groups = connectionCategories
    .map((c) => ({ category: c, types: types.filter((t) => t.category === c) }))
    .filter((g) => g.types.length > 0);
  return (
    <div className="space-y-4">
      <form role="search" action="/components" method="get" className="flex gap-2">
        {category ? <input type="hidden" name="category" value={category} /> : null}
        <label htmlFor="catalogue-q" className="sr-only">
          Search connection types
        </label>
        <input
          id="catalogue-q"
          type="search"
          name="q"
          defaultValue={q}
          maxLength={100}
          placeholder="Zendesk, Shopify, Xero…"
          className="block w-full max-w-md rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
        />
        <button type="submit" className="rounded-md bg-white px-3 py-2 text-sm font-medium ring-1 ring-slate-300">
          Search
        </button>
      </form>
      <nav aria-label="Categories" className="flex flex-wrap gap-2">
        <Link href={href(q)} className={chip(!category)} aria-current={!category ? "page" : undefined}>
          All
        </Link>
        {connectionCategories.map((c) => (
          <Link
            key={c}
            href={href(q, c)}
            className={chip(category === c)}
            aria-current={category === c ? "page" : undefined}
          >
            {categoryLabels[c]}
          </Link>
        ))}
      </nav>
      <p className="text-sm text-slate-600" role="status">
        {types.length === total ? `${total} connection types` : `${types.length} of ${total} connection types`}
        {q ? ` matching “${q}”` : ""}
      </p>
      {groups.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-sm text-slate-600">
          Nothing matches. Try another name, or declare the service yourself with + Connection type.
        </p>
      ) : null}
      {groups.map((g) => (
        <section key={g.category} aria-label={categoryLabels[g.category]}>
          <h3 className="mb-2 text-sm font-semibold text-slate-700">{categoryLabels[g.category]}</h3>
          <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {g.types.map((t) => (
              <li key={t.key}>
                <Link
                  href={`/components/${t.key}`}
                  className="flex items-center gap-3 rounded-lg bg-white px-3 py-2.5 shadow-sm ring-1 ring-slate-200 hover:ring-brand-400"
                >
                  <BrandIcon icon={t.icon} label={t.label} />
                  <span className="min-w-0">
                    <span className="block truncate text-sm font-medium text-slate-900">{t.label}</span>
                    <span className="block truncate text-xs text-slate-500">{kindLabels[t.kind]}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
