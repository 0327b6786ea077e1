import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { CredentialValuesForm } from "@/components/credentials/credential-values-form";
import { DeleteCredentialButton } from "@/components/credentials/delete-credential-dialog";
import { DateTime } from "@/components/ui/date-time";
import { DangerZone } from "@/components/ui/danger-zone";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { credentialValuesView } from "@/lib/credentials/service";
import { authorizationsOf } from "@/lib/credentials/tokens";
import { lastCustomerAuthorization, listOutstandingLinks } from "@/lib/authorization-links/service";
import { AuthorizationTab } from "@/components/credentials/authorization-tab";
import { NotFoundError } from "@/lib/errors";
import { isCredentialMethod } from "@/lib/connection-types/catalog/types/auth-methods";
import { scopeOf } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Credential" };

const statusText = { green: "Working", yellow: "Configured, not used yet", red: "Incomplete" } as const;

// GET /credentials/{id} - a credential's Summary, Values and (OAuth 2.0) Authorization tabs
export default async function CredentialPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ tab?: string }>;
}) {
  const user = await requireUser();
  const { id } = await params;
  const { tab = "summary" } = await searchParams;
  if (!z.uuid().safeParse(id).success) notFound();
  const db = await getDb();
  // Only the fields this user may see: a customer never learns a hidden field exists, not even as "set".
  const view = await credentialValuesView(db, scopeOf(user), id).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const { credential, method, fields } = view;
  const writable = can(user.role, "credentials:write");
  const tabs = [
    { key: "summary", label: "Summary" },
    { key: "values", label: "Values" },
    ...(method?.traits.authorizes ? [{ key: "authorization", label: "Authorization" }] : []),
  ];
  const backHref =
    credential.owner.type === "customer" && user.role !== "customer"
      ? `/customers/${credential.owner.customerId}?tab=credentials`
      : user.role === "customer"
        ? "/credentials"
        : "/settings/credentials";
  const owner =
    credential.owner.type === "organization"
      ? `Organization (${user.organizationName})`
      : `Customer: ${credential.owner.customerName}`;

  return (
    <>
      <PageHeader title={credential.label} description={`${method?.label ?? credential.authMethod} · ${owner}`} />
      {!credential.complete ? (
        <div
          role="status"
          className="mb-4 rounded-md border-l-4 border-red-500 bg-red-50 px-4 py-3 text-sm text-red-800"
        >
          Incomplete: {credential.statusReason}
        </div>
      ) : null}
      <nav aria-label="Credential" className="mb-6">
        {/* Scrolls sideways on a narrow screen rather than wrapping; the inset shadow is the baseline. */}
        <ul className="relative flex gap-6 overflow-x-auto whitespace-nowrap shadow-[inset_0_-1px_0_var(--color-slate-200)]">
          {tabs.map((t) => (
            <li key={t.key}>
              <Link
                href={`/credentials/${credential.id}?tab=${t.key}`}
                aria-current={tab === t.key ? "page" : undefined}
                className={`inline-block border-b-2 px-1 pb-3 text-sm font-medium ${tab === t.key ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-800"}`}
              >
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === "values" ? (
        writable ? (
          <CredentialValuesForm
            id={credential.id}
            label={credential.label}
            traits={method?.traits}
            fields={fields}
            headerNames={credential.headers}
          />
        ) : (
          <ul className="max-w-xl space-y-2 text-sm">
            {fields.map((f) => (
              <li
                key={f.key}
                className="flex justify-between gap-4 rounded-md bg-white px-4 py-2 ring-1 ring-slate-200"
              >
                <span>{f.label}</span>
                {/* A plain value is shown as stored; a secret one only as set. */}
                <span className="min-w-0 break-all text-right text-slate-600">
                  {f.value ?? (credential.fieldsSet.includes(f.key) ? (f.stored ? "set" : "default") : "not set")}
                </span>
              </li>
            ))}
          </ul>
        )
      ) : tab === "authorization" ? (
        <AuthorizationTab
          credentialId={credential.id}
          label={credential.label}
          // A generic OAuth 2.0 credential names no provider; a connection type's label does.
          provider={method && !isCredentialMethod(method.key) ? method.label : "the provider"}
          authorization={(await authorizationsOf(db, scopeOf(user), [credential.id])).get(credential.id)}
          customerAuthorization={await lastCustomerAuthorization(db, user.organizationId, credential.id)}
          writable={writable}
          outstandingLinks={
            writable && user.role !== "customer" ? await listOutstandingLinks(db, scopeOf(user), credential.id) : []
          }
          canSendLink={writable && user.role !== "customer"}
        />
      ) : (
        <div className="space-y-6">
          <dl className="grid max-w-2xl grid-cols-1 gap-x-6 gap-y-3 rounded-lg bg-white p-5 text-sm ring-1 ring-slate-200 sm:grid-cols-[10rem_1fr]">
            <dt className="text-slate-500">Auth method</dt>
            <dd>{method?.label ?? credential.authMethod}</dd>
            <dt className="text-slate-500">Owner</dt>
            <dd>{owner}</dd>
            <dt className="text-slate-500">Created</dt>
            <dd>
              <DateTime iso={credential.createdAt} />
            </dd>
            <dt className="text-slate-500">Updated</dt>
            <dd>
              <DateTime iso={credential.updatedAt} />
            </dd>
            <dt className="text-slate-500">Status</dt>
            <dd>
              {statusText[credential.status]}
              {credential.statusReason && credential.status === "red" ? ` — ${credential.statusReason}` : null}
            </dd>
            <dt className="text-slate-500">Used by</dt>
            <dd>No instance uses this credential.</dd>
          </dl>
          {writable ? (
            <DangerZone description="Deleting the credential breaks every instance that uses it until it gets another.">
              <DeleteCredentialButton id={credential.id} label={credential.label} backHref={backHref} />
            </DangerZone>
          ) : null}
        </div>
      )}
    </>
  );
}
