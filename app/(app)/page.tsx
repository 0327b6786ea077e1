import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Dashboard" };

// GET / - connection health; until there are connections, what to do first
export default async function DashboardPage() {
  const user = await requireUser();
  if (user.role === "customer") {
    return (
      <>
        <PageHeader title={`Welcome, ${user.name}`} description={`You manage the connections of ${user.customerName ?? "your company"}.`} />
        <EmptyState title="No integrations configured yet">
          When {user.organizationName} offers you an integration, you will configure its connections here.
        </EmptyState>
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
