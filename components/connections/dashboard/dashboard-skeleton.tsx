/** The dashboard's shape while its figures load. */
export function DashboardSkeleton() {
  const block = "animate-pulse rounded-lg bg-slate-200/70";
  return (
    <div className="space-y-8" aria-busy="true" aria-label="Loading the connection health dashboard" role="status">
      <span className="sr-only">Loading the connection health dashboard…</span>
      <div className="grid gap-4 sm:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className={`${block} h-28`} />
        ))}
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <div key={i} className={`${block} h-20`} />
        ))}
      </div>
      <div className={`${block} h-64`} />
    </div>
  );
}
