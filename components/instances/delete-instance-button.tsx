"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteInstanceAction } from "@/app/(app)/instances/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { carryOutcome } from "@/components/ui/notify";
import { useActionMutation } from "@/components/ui/use-action-mutation";

/** Deletes an instance and the credentials its wizard created, after a confirmation. */
export function DeleteInstanceButton({ id, name, after }: { id: string; name: string; after: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const remove = useActionMutation(deleteInstanceAction, {
    success: `Deleted ${name}`,
    onSuccess: () => {
      carryOutcome();
      router.push(after);
    },
  });
  return (
    <>
      <Button variant="secondary" className="text-red-700" onClick={() => setOpen(true)}>
        Delete instance
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Delete ${name}?`}
        description="The credentials its wizard created are deleted too; credentials it borrowed stay."
      >
        <div className="flex justify-end gap-3">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button variant="danger" pending={remove.isPending} onClick={() => remove.mutate({ id })}>
            Delete instance
          </Button>
        </div>
      </Dialog>
    </>
  );
}
