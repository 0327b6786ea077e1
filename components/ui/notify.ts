import { toast } from "sonner";

// Every outcome toast shares one id, so the next outcome replaces the last instead of stacking an
// old error under a new success. The Toaster dismisses it on navigation, unless the outcome is
// what led to the next page (created, deleted: carryOutcome()).
const OUTCOME = "outcome";
let carried = false;

/** Tells the user how an action ended; replaces whatever outcome was shown before. */
export const notify = {
  success: (message: string) => show(() => toast.success(message, { id: OUTCOME })),
  error: (message: string) => show(() => toast.error(message, { id: OUTCOME })),
  warning: (message: string) => show(() => toast.warning(message, { id: OUTCOME })),
};

function show(run: () => void) {
  carried = false;
  run();
}

/** Keeps the outcome shown through the navigation that follows it (to the page it created, or back). */
export function carryOutcome() {
  carried = true;
}

/** On navigation: dismisses the outcome unless it was carried; a carried one is dismissed on the next. */
export function dismissOutcomeOnNavigation() {
  if (carried) carried = false;
  else toast.dismiss(OUTCOME);
}
