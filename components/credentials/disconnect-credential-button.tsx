"use client";

import { toast } from "sonner";
import { disconnectCredentialAction } from "@/app/(app)/credentials/actions";
import { Button } from "@/components/ui/button";
import { useActionMutation } from "@/components/ui/use-action-mutation";

/** DISCONNECT: forgets the tokens and revokes them where the provider can. */
export function DisconnectCredentialButton({ credentialId }: { credentialId: string }) {
  const disconnect = useActionMutation(disconnectCredentialAction, {
    onSuccess: (r) => (r.revocation === "failed" ? toast.warning(r.message) : toast.success(r.message)),
  });
  return (
    <Button variant="danger" pending={disconnect.isPending} onClick={() => disconnect.mutate({ id: credentialId })}>
      DISCONNECT
    </Button>
  );
}
