import { toast } from "sonner";

// One outcome at a time: the next outcome dismisses the last instead of stacking an old error under
// a new success. Each outcome is a new toast with its own full duration: updating the last one in
// place (one shared id) would keep the last one's close timer, so a success that replaced a toast
// about to close vanished at once. The Toaster dismisses it on navigation, unless the outcome is
// what led to the next page (created, deleted: carryOutcome()).
let current: string | number | undefined;
let carried = false;

/** Tells the user how an action ended; replaces whatever outcome was shown before. */
export const notify = {
  success: (message: string) => show(() => toast.success(message)),
  error: (message: string) => show(() => toast.error(message)),
  warning: (message: string) => show(() => toast.warning(message)),
};

function show(run: () => string | number) {
  carried = false;
  if (current !== undefined) toast.dismiss(current);
  current = run();
}

/** Keeps the outcome shown through the navigation that follows it (to the page it created, or back). */
export function carryOutcome() {
  carried = true;
}

/** On navigation: dismisses the outcome unless it was carried; a carried one is dismissed on the next. */
export function dismissOutcomeOnNavigation() {
  if (carried) carried = false;
  else if (current !== undefined) {
    toast.dismiss(current);
    current = undefined;
  }
}
