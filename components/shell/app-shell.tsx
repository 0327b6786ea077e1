"use client";

import Link from "next/link";
import { KeyRound, Menu, X } from "lucide-react";
import { useState, type ReactNode } from "react";
import { NavLinks, type NavItem } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

type Props = {
  items: NavItem[];
  organizationName: string;
  userName: string;
  userEmail: string;
  roleLabel: string;
  children: ReactNode;
};

/** Sidebar, header and content. On small screens the sidebar folds behind a menu button. */
export function AppShell({ items, organizationName, userName, userEmail, roleLabel, children }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <div className="min-h-screen lg:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside
        id="sidebar"
        className={`${open ? "block" : "hidden"} fixed inset-y-0 left-0 z-40 w-64 border-r border-slate-200 bg-white p-4 lg:static lg:block`}
      >
        <div className="mb-6 flex items-center justify-between">
          <Link href="/" className="text-lg font-bold tracking-tight text-slate-900">
            <KeyRound className="inline size-5 text-brand-600" aria-hidden /> Latchkey
          </Link>
          <button
            type="button"
            className="rounded p-1 lg:hidden"
            onClick={() => setOpen(false)}
            aria-label="Close menu"
          >
            <X className="size-5" aria-hidden />
          </button>
        </div>
        <nav aria-label="Main">
          <NavLinks items={items} onNavigate={() => setOpen(false)} />
        </nav>
      </aside>
      {open ? (
        <div className="fixed inset-0 z-30 bg-slate-900/30 lg:hidden" onClick={() => setOpen(false)} aria-hidden />
      ) : null}
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-between gap-4 border-b border-slate-200 bg-white px-4 py-3 sm:px-6">
          <div className="flex items-center gap-3">
            <button
              type="button"
              className="rounded p-1 lg:hidden"
              onClick={() => setOpen(true)}
              aria-label="Open menu"
              aria-expanded={open}
              aria-controls="sidebar"
            >
              <Menu className="size-5" aria-hidden />
            </button>
            <p className="text-sm font-semibold text-slate-900" data-testid="organization-name">
              {organizationName}
            </p>
          </div>
          <div className="flex items-center gap-3">
            <div className="hidden text-right sm:block">
              <p className="text-sm font-medium text-slate-900">{userName}</p>
              <p className="text-xs text-slate-500">
                {userEmail} · {roleLabel}
              </p>
            </div>
            <SignOutButton />
          </div>
        </header>
        <main id="main" className="flex-1 px-4 py-6 sm:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
