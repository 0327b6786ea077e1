import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not allowed" };

// What `forbidden()` renders, with status 403: a page the signed-in role may not see.
export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold text-slate-500">403</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">You may not see this page</h1>
      <p className="mt-3 text-sm text-slate-600">
        Your role does not allow it. Ask an administrator of your organization if you need access.
      </p>
      <p className="mt-6">
        <Link href="/" className="text-sm font-medium text-brand-700 hover:underline">
          Back to the overview
        </Link>
      </p>
    </main>
  );
}
