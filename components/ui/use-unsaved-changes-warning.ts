"use client";

import { useEffect } from "react";

/**
 * While `pending` names unsaved changes, asks before the page is left: the browser's own prompt on
 * a reload, a closed tab or a form that navigates away (beforeunload), and a confirmation before a
 * link inside the app is followed (the App Router has no hook to block a navigation, so the click
 * is stopped before it reaches the router's Link).
 */
export function useUnsavedChangesWarning(pending: string | null) {
  useEffect(() => {
    if (!pending) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.("a[href]");
      if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== "_self") || link.download) return;
      const to = new URL(link.href, window.location.href);
      if (to.origin !== window.location.origin) return;
      // A link to a place on this same page leaves nothing behind.
      if (to.pathname === window.location.pathname && to.search === window.location.search && to.hash) return;
      if (window.confirm(`${pending} Leave this page without saving?`)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    // Capture on the document: before React's handlers on its root, and so before the router's.
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [pending]);
}
