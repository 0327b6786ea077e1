import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { AuditEventList } from "@/components/audit/audit-event-list";
import { AuditFilterForm, type AuditFilterValues } from "@/components/audit/audit-filter-form";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { zodFields } from "@/lib/api/errors";
import { auditListQuery, listAuditEvents } from "@/lib/audit/queries";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Audit" };

const FILTERS = ["actor", "target", "action", "since", "until"] as const;
const PAGE_SIZE = 50;

// GET /settings/audit - the organization's audit trail, filtered, with exports (admins)
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const user = await requirePermission("audit:read");
  const given = await searchParams;
  const values: AuditFilterValues = {};
  for (const name of FILTERS) {
    const v = given[name];
    if (typeof v === "string" && v !== "") values[name] = v;
  }
  const cursor = typeof given.cursor === "string" ? given.cursor : undefined;
  // The times come from datetime-local inputs: read as UTC, as their labels say.
  const asUtc = (v?: string) => (v && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v) ? `${v}Z` : v);
  const parsed = auditListQuery.safeParse({
    ...values,
    since: asUtc(values.since),
    until: asUtc(values.until),
    limit: PAGE_SIZE,
    cursor,
  });
  const errors = parsed.success ? {} : zodFields(parsed.error);
  const result = parsed.success
    ? await listAuditEvents(await getDb(), { ...user, embedded: user.embedded }, parsed.data)
    : { data: [], nextCursor: null };
  const query = (extra: Record<string, string>) =>
    new URLSearchParams({
      ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)),
      ...(values.since ? { since: asUtc(values.since)! } : {}),
      ...(values.until ? { until: asUtc(values.until)! } : {}),
      ...extra,
    }).toString();
  const olderParams = new URLSearchParams({
    ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)),
    cursor: result.nextCursor ?? "",
  }).toString();
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        Who changed what, and every hand-over of secrets to integration code (counted per connection, caller and
        minute). Rows cannot be changed and are hash-chained: <code>npm run audit:verify</code> checks them.
      </p>
      <AuditFilterForm values={values} errors={errors} />
      <div className="flex flex-wrap gap-2">
        <a href={`/settings/audit/export?${query({ format: "csv" })}`} className={buttonClass("secondary")} download>
          Export CSV
        </a>
        <a href={`/settings/audit/export?${query({ format: "jsonl" })}`} className={buttonClass("secondary")} download>
          Export JSON Lines
        </a>
      </div>
      {result.data.length === 0 ? (
        <EmptyState title="No audit events">
          {Object.keys(values).length > 0
            ? "Nothing matches these filters."
            : "Changes will appear here as they happen."}
        </EmptyState>
      ) : (
        <AuditEventList events={result.data} />
      )}
      {result.nextCursor ? (
        <a href={`/settings/audit?${olderParams}`} className={buttonClass("ghost")}>
          Older events
        </a>
      ) : null}
    </div>
  );
}
