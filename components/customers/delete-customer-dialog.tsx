"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteCustomerAction } from "@/app/(app)/customers/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { carryOutcome } from "@/components/ui/notify";
import { useActionMutation } from "@/components/ui/use-action-mutation";

/** Delete a customer; the confirmation names what goes with it. */
export function DeleteCustomerButton({
  id,
  name,
  dependents,
}: {
  id: string;
  name: string;
  dependents: { credentials: number; users: number };
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const remove = useActionMutation(deleteCustomerAction, {
    success: `Deleted ${name}`,
    onSuccess: () => {
      carryOutcome();
      router.push("/customers");
    },
  });
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return (
    <>
      <Button variant="secondary" className="text-red-700" onClick={() => setOpen(true)}>
        Delete
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Delete ${name}?`}
        description={`This also deletes its ${plural(dependents.credentials, "credential")} and ${plural(dependents.users, "customer user")}, and its encryption key. It cannot be undone.`}
      >
        <div className="flex justify-end gap-3">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button variant="danger" pending={remove.isPending} onClick={() => remove.mutate({ id })}>
            Delete customer
          </Button>
        </div>
      </Dialog>
    </>
  );
}
