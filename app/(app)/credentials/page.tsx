import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { CreateCredentialButton } from "@/components/credentials/create-credential-dialog";
import { CredentialList } from "@/components/credentials/credential-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { CREDENTIALS_PAGE_SIZE, readListParams } from "@/lib/credentials/list-params";
import { listCredentialPage } from "@/lib/credentials/service";
import { scopeOf } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Credentials" };

// GET /credentials - every credential of the organization with its owner; a customer user's own only
export default async function CredentialsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const { label, cursor } = readListParams(await searchParams);
  const page = await listCredentialPage(await getDb(), scopeOf(user), {
    owner: "all",
    label: label || undefined,
    cursor,
    limit: CREDENTIALS_PAGE_SIZE,
  });
  const isCustomer = user.role === "customer";
  return (
    <>
      <PageHeader
        title="Credentials"
        description={
          isCustomer
            ? "Your company's stored credentials. Values are encrypted and never shown again."
            : "Credentials of the organization and of every customer."
        }
        action={
          isCustomer && can(user.role, "credentials:write") ? (
            <CreateCredentialButton ownerLabel={user.customerName ?? "your company"} />
          ) : null
        }
      />
      <CredentialList
        methodLabels={page.methodLabels}
        credentials={page.data}
        label={label}
        nextCursor={page.nextCursor}
        basePath="/credentials"
        showOwner={!isCustomer}
        empty={
          isCustomer
            ? "Add a credential with + Credential; it is encrypted with your company's own key."
            : "Organization credentials are added under Settings → Credentials, customer credentials on a customer's Credentials tab."
        }
      />
    </>
  );
}
