"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

/**
 * DISCONNECT, after saying what it does: the tokens are deleted, the provider's grant is revoked
 * where it can be, and whatever uses the connection stops working until CONNECT again.
 */
export function ConfirmDisconnectButton({
  label,
  provider,
  pending,
  onConfirm,
}: {
  label: string;
  provider: string;
  pending: boolean;
  onConfirm: () => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" className="text-red-700" onClick={() => setOpen(true)}>
        DISCONNECT
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Disconnect ${label}?`}
        description={
          <>
            <p>
              Latchkey deletes the access and refresh tokens and revokes the grant at {provider}, where {provider}{" "}
              offers revocation.
            </p>
            <p className="mt-2">
              Integrations using {label} stop working until someone presses CONNECT again and consents at {provider}.
            </p>
          </>
        }
      >
        <div className="flex justify-end gap-3">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            pending={pending}
            onClick={() => {
              onConfirm();
              setOpen(false);
            }}
          >
            Disconnect and revoke
          </Button>
        </div>
      </Dialog>
    </>
  );
}
