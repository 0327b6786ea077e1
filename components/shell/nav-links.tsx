"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { Blocks, KeyRound, LayoutDashboard, Puzzle, Settings, Users } from "lucide-react";

const icons = {
  dashboard: LayoutDashboard,
  integrations: Puzzle,
  customers: Users,
  credentials: KeyRound,
  components: Blocks,
  settings: Settings,
};
export type NavItem = { href: string; label: string; icon: keyof typeof icons };

/** The sidebar's links, the current one marked for sight and for screen readers. */
export function NavLinks({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-1">
      {items.map((item) => {
        const active =
          item.href === "/" ? pathname === "/" : pathname === item.href || pathname.startsWith(item.href + "/");
        const Icon = icons[item.icon];
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={`flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium ${
                active ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100"
              }`}
            >
              <Icon className="size-4" aria-hidden />
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
