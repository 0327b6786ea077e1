import Link from "next/link";

// What an embedded screen shows for an instance that is not the embedded user's (or does not exist).
export default function EmbeddedNotFound() {
  return (
    <div role="alert" className="rounded-lg bg-white p-6 ring-1 ring-slate-200">
      <h1 className="text-lg font-semibold text-slate-900">Not found</h1>
      <p className="mt-2 text-sm text-slate-600">There is nothing here for your company. It may have been removed.</p>
      <p className="mt-4 text-sm">
        <Link href="/embedded" className="text-brand-700 hover:underline">
          Back to integrations
        </Link>
      </p>
    </div>
  );
}
