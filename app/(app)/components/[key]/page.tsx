import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { ConnectionTypeDetails } from "@/components/connection-types/connection-type-details";
import { kindLabels } from "@/components/connection-types/connection-type-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireTeamMember } from "@/lib/auth/session";
import { findConnectionType } from "@/lib/connection-types/service";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Connection type" };

// GET /components/{key} - a connection type: its fields, OAuth settings, test request and callback URL
export default async function ConnectionTypePage({ params }: { params: Promise<{ key: string }> }) {
  const user = await requireTeamMember();
  const { key } = await params;
  const type = await findConnectionType(await getDb(), user.organizationId, decodeURIComponent(key));
  if (!type) notFound();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/components" className="text-brand-700 hover:underline">
          ← Components
        </Link>
      </p>
      <PageHeader title={type.label} description={`${type.builtIn ? "Built in" : "Custom"} · ${kindLabels[type.kind]} · key ${type.key}`} />
      <ConnectionTypeDetails type={type} callbackUrl={`${env.baseUrl}/api/oauth/callback`} />
    </>
  );
}
