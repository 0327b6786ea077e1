"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { Toaster as Sonner } from "sonner";
import { dismissOutcomeOnNavigation } from "./notify";

/**
 * Outcome toasts, bottom-right, clear of the header's name and Sign out. One at a time (notify.ts);
 * leaving the page dismisses it, since it spoke of the page left behind.
 */
export function Toaster() {
  const pathname = usePathname();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    dismissOutcomeOnNavigation();
  }, [pathname]);
  return <Sonner richColors position="bottom-right" closeButton visibleToasts={1} />;
}
