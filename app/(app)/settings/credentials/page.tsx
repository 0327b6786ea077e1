import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { CreateCredentialButton } from "@/components/credentials/create-credential-dialog";
import { CredentialList } from "@/components/credentials/credential-list";
import { can } from "@/lib/auth/permissions";
import { requireTeamMember } from "@/lib/auth/session";
import { CREDENTIALS_PAGE_SIZE, readListParams } from "@/lib/credentials/list-params";
import { listCredentialPage } from "@/lib/credentials/service";

export const metadata: Metadata = { title: "Organization credentials" };

// GET /settings/credentials - organization-level credentials, shared by all customers
export default async function OrganizationCredentialsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireTeamMember();
  const { label, cursor } = readListParams(await searchParams);
  const page = await listCredentialPage(
    await getDb(),
    { organizationId: user.organizationId },
    { owner: "organization", label: label || undefined, cursor, limit: CREDENTIALS_PAGE_SIZE },
  );
  return (
    <section aria-labelledby="org-credentials-heading" className="space-y-4">
      <div className="flex items-center justify-between">
        <div>
          <h2 id="org-credentials-heading" className="text-base font-semibold">
            Organization credentials
          </h2>
          <p className="text-sm text-slate-600">Shared by all customers; encrypted with the organization&apos;s key.</p>
        </div>
        {can(user.role, "credentials:write") ? <CreateCredentialButton ownerLabel={user.organizationName} /> : null}
      </div>
      <CredentialList
        methodLabels={page.methodLabels}
        credentials={page.data}
        label={label}
        nextCursor={page.nextCursor}
        basePath="/settings/credentials"
        showOwner={false}
        empty="Add an organization credential with + Credential, for example an OAuth app's client ID and secret that every customer's connection uses."
      />
    </section>
  );
}
