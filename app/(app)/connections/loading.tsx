/** The connection list's shape while it loads. */
export default function Loading() {
  return (
    <div role="status" aria-busy="true" className="space-y-3">
      <span className="sr-only">Loading connections…</span>
      <div className="h-6 w-64 animate-pulse rounded bg-slate-200/70" />
      <div className="h-64 animate-pulse rounded-lg bg-slate-200/70" />
    </div>
  );
}
