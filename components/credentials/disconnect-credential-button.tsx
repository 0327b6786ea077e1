"use client";

import { notify } from "@/components/ui/notify";
import { disconnectCredentialAction } from "@/app/(app)/credentials/actions";
import { ConfirmDisconnectButton } from "@/components/connections/confirm-disconnect-button";
import { useActionMutation } from "@/components/ui/use-action-mutation";

/** DISCONNECT, confirmed: forgets the tokens and revokes them where the provider can. */
export function DisconnectCredentialButton({
  credentialId,
  label,
  provider,
}: {
  credentialId: string;
  label: string;
  provider: string;
}) {
  const disconnect = useActionMutation(disconnectCredentialAction, {
    onSuccess: (r) => (r.revocation === "failed" ? notify.warning(r.message) : notify.success(r.message)),
  });
  return (
    <ConfirmDisconnectButton
      label={label}
      provider={provider}
      pending={disconnect.isPending}
      onConfirm={() => disconnect.mutate({ id: credentialId })}
    />
  );
}
