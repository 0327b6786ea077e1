import type { ReactNode } from "react";

/** The bottom of a page's summary, set apart: what cannot be undone, for those who may do it. */
export function DangerZone({ children, description }: { children: ReactNode; description: string }) {
  return (
    <section aria-labelledby="danger-zone" className="mt-10 rounded-lg border border-red-200 bg-white p-5">
      <h2 id="danger-zone" className="text-sm font-semibold text-red-800">
        Danger zone
      </h2>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-3">
        <p className="max-w-prose text-sm text-slate-600">{description}</p>
        {children}
      </div>
    </section>
  );
}
