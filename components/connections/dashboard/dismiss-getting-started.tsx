"use client";

import { dismissGettingStartedAction } from "@/app/(app)/getting-started-actions";
import { Button } from "@/components/ui/button";
import { useActionMutation } from "@/components/ui/use-action-mutation";

/** Hides the getting-started checklist (for this browser). */
export function DismissGettingStarted() {
  const dismiss = useActionMutation(dismissGettingStartedAction);
  return (
    <Button variant="ghost" pending={dismiss.isPending} onClick={() => dismiss.mutate({})}>
      Dismiss
    </Button>
  );
}
