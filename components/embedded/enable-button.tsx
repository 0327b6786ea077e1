"use client";

import { useRouter } from "next/navigation";
import { deployInstanceAction } from "@/app/(app)/instances/actions";
import { Button } from "@/components/ui/button";
import { carryOutcome } from "@/components/ui/notify";
import { useActionMutation } from "@/components/ui/use-action-mutation";

/** Enables an integration for the embedded user's customer, then opens its configuration wizard. */
export function EnableButton({ integrationId, name }: { integrationId: string; name: string }) {
  const router = useRouter();
  const enable = useActionMutation(deployInstanceAction, {
    success: `Enabled ${name}`,
    onSuccess: (d) => {
      carryOutcome();
      router.push(`/embedded/instances/${d.id}`);
    },
  });
  return (
    <Button pending={enable.isPending} onClick={() => enable.mutate({ integrationId })}>
      Enable {name}
    </Button>
  );
}
