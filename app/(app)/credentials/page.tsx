import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Credentials" };

// GET /credentials - credentials of the organization and its customers (the credential manager fills it)
export default async function CredentialsPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title="Credentials" />
      <EmptyState title="No credentials yet">
        {user.role === "customer"
          ? "Credentials you enter for your integrations are stored here, encrypted; once saved, their values are never shown again."
          : "Credentials hold API keys, passwords and OAuth tokens, encrypted per tenant. Organization-level credentials are shared by all customers; customer credentials belong to one."}
      </EmptyState>
    </>
  );
}
