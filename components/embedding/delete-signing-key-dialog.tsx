"use client";

import { deleteSigningKeyAction } from "@/app/(app)/settings/embedding/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import type { SigningKey } from "./signing-key-types";

/** Confirms deleting one key; closes once it is deleted. */
export function DeleteSigningKeyDialog({ deleting, onClose }: { deleting: SigningKey | null; onClose: () => void }) {
  const remove = useActionMutation(deleteSigningKeyAction, {
    success: "Signing key deleted",
    onSuccess: onClose,
  });
  return (
    <Dialog
      open={deleting !== null}
      onClose={onClose}
      title="Delete signing key?"
      description={
        deleting
          ? `Tokens signed with “${deleting.label}” are refused from now on. Sessions already open stay open until they expire.`
          : undefined
      }
    >
      <div className="flex justify-end gap-3">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button
          variant="danger"
          pending={remove.isPending}
          onClick={() => deleting && remove.mutate({ id: deleting.id })}
        >
          Delete key
        </Button>
      </div>
    </Dialog>
  );
}
