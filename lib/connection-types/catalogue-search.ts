import { categoryLabels, connectionCategories, type ConnectionCategory } from "./categories";
import type { ConnectionType } from "./definition";

// Finding a type in the catalogue: words of the query each match the label, key, description or
// category (case and accents ignored), and a category narrows the list. Pure, for the Components
// page (which filters on the server, so that the list and its icons never ship as client code).

export type CatalogueQuery = { q?: string; category?: string };

const fold = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

/** A category named in a query string, or undefined for none (or one that does not exist). */
export function categoryOf(value: string | undefined): ConnectionCategory | undefined {
  return (connectionCategories as readonly string[]).includes(value ?? "") ? (value as ConnectionCategory) : undefined;
}

/** The types that match, the best first: a label that starts with the query before one that merely contains it. */
export function searchCatalogue<T extends Pick<ConnectionType, "key" | "label" | "description" | "category">>(
  types: readonly T[],
  query: CatalogueQuery,
): T[] {
  const words = fold(query.q ?? "")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 10);
  const category = categoryOf(query.category);
  const haystack = (t: T) =>
    fold(`${t.label} ${t.key} ${t.description} ${t.category ? categoryLabels[t.category] : ""}`);
  const matches = types.filter(
    (t) => (!category || t.category === category) && words.every((w) => haystack(t).includes(w)),
  );
  const first = words[0];
  if (!first) return matches;
  const rank = (t: T) => (fold(t.label).startsWith(first) ? 0 : 1);
  return [...matches].sort((a, b) => rank(a) - rank(b));
}
