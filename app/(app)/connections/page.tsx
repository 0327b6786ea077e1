import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { ConnectionTable } from "@/components/connections/connection-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireTeamMember } from "@/lib/auth/session";
import { describeFilter, parseConnectionFilter, type ConnectionFilter } from "@/lib/connections/connection-filter";
import { listConnections } from "@/lib/connections/connection-list";

export const metadata: Metadata = { title: "Connections" };

const LIMIT = 200;

// GET /connections?status=|expiry=|refresh=[&hour=] - the connections behind a figure of the dashboard
export default async function ConnectionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireTeamMember();
  if (!can(user.role, "organization:read")) forbidden();
  const parsed = parseConnectionFilter(await searchParams);
  const back = (
    <p className="mb-2 text-sm">
      <Link href="/" className="text-brand-700 hover:underline">
        ← Dashboard
      </Link>
    </p>
  );
  if (!parsed.ok) {
    return (
      <>
        {back}
        <PageHeader title="Connections" />
        <EmptyState
          title="This list cannot be shown"
          action={
            <Link href="/connections" className="text-sm text-brand-700 hover:underline">
              Show all connections
            </Link>
          }
        >
          <p role="alert">{parsed.error}.</p>
        </EmptyState>
      </>
    );
  }
  const { rows, more } = await listConnections(await getDb(), user.organizationId, parsed.filter, new Date(), LIMIT);
  const title = describeFilter(parsed.filter);
  return (
    <>
      {back}
      <PageHeader title={title} description={summary(rows.length, more)} />
      {rows.length === 0 ? (
        <EmptyState title="No connections here">{emptyText(parsed.filter)}</EmptyState>
      ) : (
        <ConnectionTable
          rows={rows}
          caption={title}
          show={parsed.filter.kind === "expiry" ? "token" : parsed.filter.kind === "refresh" ? "refreshes" : undefined}
        />
      )}
    </>
  );
}

function summary(n: number, more: boolean): string {
  if (more) return `The first ${n} connections, newest instance first.`;
  return `${n} ${n === 1 ? "connection" : "connections"}, newest instance first.`;
}

function emptyText(filter: ConnectionFilter): string {
  if (filter.kind === "refresh")
    return "No connection's credential had such a refresh in this time; a refreshed credential that no instance uses is not listed.";
  return "No connection matches right now: the dashboard's figures may have changed since you opened it.";
}
