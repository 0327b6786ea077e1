import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { requireUser, type CurrentUser } from "@/lib/auth/session";
import { getDb } from "@/db/client";
import { InstanceList } from "@/components/instances/instance-list";
import { StatusLegend } from "@/components/connections/status-badge";
import { listInstances } from "@/lib/instances/service";
import { scopeOf } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Dashboard" };

// GET / - connection health; until there are connections, what to do first
export default async function DashboardPage() {
  const user = await requireUser();
  if (user.role === "customer") {
    return (
      <>
        <PageHeader title={`Welcome, ${user.name}`} description={`You manage the connections of ${user.customerName ?? "your company"}.`} />
        <CustomerOverview user={user} />
      </>
    );
  }
  return (
    <>
      <PageHeader title="Connection health" description="Status of every customer connection, upcoming token expiries and refreshes." />
      <EmptyState
        title="No connections yet"
        action={
          <Link href="/integrations" className={buttonClass("primary")}>
            Go to Integrations
          </Link>
        }
      >
        Connections appear when customers configure an instance of an integration. Start by declaring the connection types you
        need under Components, then design an integration and deploy it to a customer.
      </EmptyState>
    </>
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
