"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const tabs = [
  {
    href: "/embedded",
    label: "Integrations",
    match: (p: string) => p === "/embedded" || p.startsWith("/embedded/instances"),
  },
  { href: "/embedded/connections", label: "Connections", match: (p: string) => p.startsWith("/embedded/connections") },
];

/** The two tabs of the embedded screens and whose they are; no Latchkey branding, the partner's product frames it. */
export function EmbeddedNav({ customerName }: { customerName: string }) {
  const pathname = usePathname();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-3 px-4 sm:px-6">
        <nav aria-label="Embedded">
          <ul className="-mb-px flex gap-5">
            {tabs.map((t) => {
              const active = t.match(pathname);
              return (
                <li key={t.href}>
                  <Link
                    href={t.href}
                    aria-current={active ? "page" : undefined}
                    className={`inline-block border-b-2 px-1 py-3 text-sm font-medium ${active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-800"}`}
                  >
                    {t.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <p className="text-xs text-slate-500" data-testid="embedded-customer">
          {customerName}
        </p>
      </div>
    </header>
  );
}
