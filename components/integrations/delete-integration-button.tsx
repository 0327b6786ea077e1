"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteIntegrationAction } from "@/app/(app)/integrations/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { carryOutcome } from "@/components/ui/notify";
import { useActionMutation } from "@/components/ui/use-action-mutation";

/** Deletes the integration after its name is typed. */
export function DeleteIntegrationButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [deleting, setDeleting] = useState(false);
  const [typed, setTyped] = useState("");
  const remove = useActionMutation(deleteIntegrationAction, {
    success: `Deleted ${name}`,
    onSuccess: () => {
      carryOutcome();
      router.push("/integrations");
    },
  });
  return (
    <>
      <Button variant="secondary" className="text-red-700" onClick={() => setDeleting(true)}>
        Delete
      </Button>
      <Dialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title={`Delete ${name}?`}
        description="Its instances are deleted too, with the credentials their wizards created. This cannot be undone."
      >
        <div className="space-y-4">
          <TextField
            label={`Type ${name} to confirm`}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
          />
          <div className="flex justify-end gap-3">
            <Button variant="secondary" onClick={() => setDeleting(false)}>
              Cancel
            </Button>
            <Button
              variant="danger"
              disabled={typed !== name}
              pending={remove.isPending}
              onClick={() => remove.mutate({ id })}
            >
              Delete integration
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
