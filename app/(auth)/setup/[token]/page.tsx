import type { Metadata } from "next";
import { KeyRound } from "lucide-react";
import { getDb } from "@/db/client";
import { FirstAdminForm } from "@/components/auth/first-admin-form";
import { setupLinkUsable } from "@/lib/setup/first-admin";

export const metadata: Metadata = { title: "Create the first administrator", referrer: "same-origin" };

// GET /setup/{token} - the one-time link the server logs when production starts with no administrator
export default async function SetupPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const usable = await setupLinkUsable(await getDb(), token);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <p className="mb-6 text-center text-2xl font-bold tracking-tight text-slate-900">
          <KeyRound className="inline size-5 text-brand-600" aria-hidden /> Latchkey
        </p>
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          {usable ? (
            <>
              <h1 className="mb-4 text-lg font-semibold text-slate-900">Create the first administrator</h1>
              <FirstAdminForm token={token} />
            </>
          ) : (
            <div role="alert">
              <h1 className="text-lg font-semibold text-slate-900">This setup link cannot be used</h1>
              <p className="mt-2 text-sm text-slate-600">
                It has expired or has been used, or an administrator already exists. Restart the server for a new link,
                or sign in.
              </p>
            </div>
          )}
        </div>
      </div>
    </main>
  );
}
