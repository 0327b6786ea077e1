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
import { exportConnectionType, findConnectionType } from "@/lib/connection-types/service";
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
  const db = await getDb();
  const type = await findConnectionType(db, user.organizationId, key);
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
          oauth={type.oauth}
          proxy={type.proxy}
          holdsTokens={!!type.oauth}
        />
      ) : null}
      {!type.builtIn ? (
        <p className="mb-4 text-sm">
          <a
            download={`${type.key}.json`}
            href={`data:application/json;charset=utf-8,${encodeURIComponent(
              JSON.stringify(await exportConnectionType(db, user.organizationId, type.key), null, 2),
            )}`}
            className="text-brand-700 hover:underline"
          >
            Export as JSON
          </a>{" "}
          <span className="text-slate-500">
            (import it with + Connection type → Import JSON, or POST it to the API)
          </span>
        </p>
      ) : null}
      <ConnectionTypeDetails type={type} callbackUrl={`${env.baseUrl}/api/oauth/callback`} latchkeyUrl={env.baseUrl} />
    </>
  );
}
