import type { Metadata } from "next";
import Link from "next/link";
import { ConnectionTypeForm } from "@/components/connection-types/connection-type-form";
import { DiscoverForm } from "@/components/connection-types/discover-form";
import { ImportForm } from "@/components/connection-types/import-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { kindChoices } from "@/lib/connection-types/kinds";

export const metadata: Metadata = { title: "New connection type" };

// GET /components/new - declare a custom connection type
export default async function NewConnectionTypePage() {
  await requirePermission("catalog:write");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/components" className="text-brand-700 hover:underline">
          ← Components
        </Link>
      </p>
      <PageHeader
        title="New connection type"
        description="What a connection to this service asks for, how it authorizes, and how to test it."
      />
      <DiscoverForm />
      <ImportForm />
      <ConnectionTypeForm kinds={kindChoices()} />
    </>
  );
}
