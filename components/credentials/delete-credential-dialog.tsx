"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteCredentialAction } from "@/app/(app)/credentials/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { carryOutcome } from "@/components/ui/notify";
import { useActionMutation } from "@/components/ui/use-action-mutation";

/** Delete, guarded by typing the credential's name: REMOVE CREDENTIAL stays disabled until it matches. */
export function DeleteCredentialButton({ id, label, backHref }: { id: string; label: string; backHref: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const remove = useActionMutation(deleteCredentialAction, {
    success: `Deleted ${label}`,
    onSuccess: () => {
      carryOutcome();
      router.push(backHref);
    },
  });
  return (
    <>
      <Button variant="secondary" className="text-red-700" onClick={() => setOpen(true)}>
        Delete credential
      </Button>
      <Dialog
        open={open}
        onClose={() => {
          setOpen(false);
          setTyped("");
        }}
        title="Delete this credential?"
        description={
          <>
            Its values are destroyed and connections that use it stop working. Type{" "}
            <strong className="font-mono">{label}</strong> to confirm.
          </>
        }
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (typed === label) remove.mutate({ id });
          }}
          className="space-y-4"
        >
          <label htmlFor="confirm-credential-name" className="block text-sm font-medium text-slate-800">
            Credential name
          </label>
          <input
            id="confirm-credential-name"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            className="block w-full rounded-md px-3 py-2 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-red-500"
          />
          <div className="flex justify-end gap-3">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={typed !== label} pending={remove.isPending}>
              REMOVE CREDENTIAL
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
