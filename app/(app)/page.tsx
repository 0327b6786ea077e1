import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { cookies } from "next/headers";
import { Suspense } from "react";
import { GettingStarted } from "@/components/connections/dashboard/getting-started";
import { gettingStarted } from "@/lib/organizations/getting-started";
import { GETTING_STARTED_COOKIE } from "@/lib/organizations/getting-started-cookie";
import { DashboardSkeleton } from "@/components/connections/dashboard/dashboard-skeleton";
import { ExpiryTimeline } from "@/components/connections/dashboard/expiry-timeline";
import { RefreshChart } from "@/components/connections/dashboard/refresh-chart";
import { StatusCounts } from "@/components/connections/dashboard/status-counts";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { can } from "@/lib/auth/permissions";
import { requireUser, type CurrentUser } from "@/lib/auth/session";
import { loadDashboard } from "@/lib/connections/dashboard";
import { getDb } from "@/db/client";
import { InstanceList } from "@/components/instances/instance-list";
import { StatusLegend } from "@/components/connections/status-badge";
import { listInstances } from "@/lib/instances/service";
import { scopeOf } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Dashboard" };

// GET / - connection health for the organization's team (customer users get their own overview); until there are instances, what to do first
export default async function DashboardPage() {
  const user = await requireUser();
  if (user.role === "customer") {
    return (
      <>
        <PageHeader
          title={`Welcome, ${user.name}`}
          description={`You manage the connections of ${user.customerName ?? "your company"}.`}
        />
        <CustomerOverview user={user} />
      </>
    );
  }
  if (!can(user.role, "organization:read")) forbidden();
  return (
    <>
      <PageHeader
        title="Connection health"
        description="Status of every customer connection, upcoming token expiries and refreshes."
      />
      <Suspense fallback={<DashboardSkeleton />}>
        <Checklist organizationId={user.organizationId} />
        <TeamDashboard organizationId={user.organizationId} />
      </Suspense>
    </>
  );
}

// The first-run checklist, until every step is done or it is dismissed in this browser.
async function Checklist({ organizationId }: { organizationId: string }) {
  if ((await cookies()).get(GETTING_STARTED_COOKIE)?.value === organizationId) return null;
  const progress = await gettingStarted(await getDb(), organizationId);
  if (progress.every((s) => s.done)) return null;
  return (
    <div className="mb-8">
      <GettingStarted progress={progress} />
    </div>
  );
}

// The figures stream in under the header; the empty state is for an organization without instances.
async function TeamDashboard({ organizationId }: { organizationId: string }) {
  const dashboard = await loadDashboard(await getDb(), organizationId, new Date());
  if (!dashboard) {
    return (
      <EmptyState
        title="No connections yet"
        action={
          <Link href="/integrations" className={buttonClass("primary")}>
            Go to Integrations
          </Link>
        }
      >
        Connections appear when customers configure an instance of an integration. Start by declaring the connection
        types you need under Components, then design an integration and deploy it to a customer.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-8">
      <StatusCounts counts={dashboard.statuses} />
      <ExpiryTimeline counts={dashboard.expiries} />
      <RefreshChart hours={dashboard.refreshes} />
    </div>
  );
}

async function CustomerOverview({ user }: { user: CurrentUser }) {
  const instances = await listInstances(await getDb(), scopeOf(user));
  if (instances.length === 0) {
    return (
      <EmptyState
        title="No integrations enabled yet"
        action={
          <Link href="/integrations" className={buttonClass("primary")}>
            See integrations
          </Link>
        }
      >
        Enable an integration {user.organizationName} offers, then fill in its connections.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-4">
      <StatusLegend />
      <InstanceList instances={instances} show="integration" />
    </div>
  );
}
