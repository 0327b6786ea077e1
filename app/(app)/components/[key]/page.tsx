import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { ConnectionTypeActions } from "@/components/connection-types/connection-type-actions";
import { ConnectionTypeDetails } from "@/components/connection-types/connection-type-details";
import { kindLabels } from "@/components/connection-types/connection-type-table";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireTeamMember } from "@/lib/auth/session";
import { findConnectionType } from "@/lib/connection-types/service";
import { env } from "@/lib/env";
import { decodePathSegment } from "@/lib/validation/text";

export const metadata: Metadata = { title: "Connection type" };

// GET /components/{key} - a connection type: its fields, OAuth settings, test request and callback
// URL; a custom one can be edited and deleted here by those who may change the catalogue.
export default async function ConnectionTypePage({ params }: { params: Promise<{ key: string }> }) {
  const user = await requireTeamMember();
  const key = decodePathSegment((await params).key);
  // A segment that is not a key (bad percent-encoding such as %ff, NUL) names no type.
  if (key === null || !/^[a-z][a-z0-9_]{0,63}$/.test(key)) notFound();
  const type = await findConnectionType(await getDb(), user.organizationId, key);
  if (!type) notFound();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/components" className="text-brand-700 hover:underline">
          ← Components
        </Link>
      </p>
      <PageHeader
        title={type.label}
        description={`${type.builtIn ? "Built in" : "Custom"} · ${kindLabels[type.kind]} · key ${type.key}`}
      />
      {!type.builtIn && can(user.role, "catalog:write") ? (
        <ConnectionTypeActions
          typeKey={type.key}
          label={type.label}
          description={type.description}
          docsUrl={type.docsUrl}
          fields={type.fields}
        />
      ) : null}
      <ConnectionTypeDetails type={type} callbackUrl={`${env.baseUrl}/api/oauth/callback`} latchkeyUrl={env.baseUrl} />
    </>
  );
}
