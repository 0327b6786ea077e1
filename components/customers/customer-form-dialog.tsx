"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createCustomerAction, updateCustomerAction } from "@/app/(app)/customers/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { carryOutcome } from "@/components/ui/notify";
import { useActionMutation } from "@/components/ui/use-action-mutation";

type Customer = { id: string; name: string; externalId: string | null };

/** "+ Customer" or "Edit": name and optional external id (unique within the organization). */
export function CustomerFormButton({ customer }: { customer?: Customer }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const create = useActionMutation(createCustomerAction, {
    success: (c) => `Added ${c.name}`,
    onSuccess: (c) => {
      setOpen(false);
      carryOutcome();
      router.push(`/customers/${c.id}`);
    },
  });
  const update = useActionMutation(updateCustomerAction, {
    success: "Customer saved",
    onSuccess: () => setOpen(false),
  });
  const m = customer ? update : create;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { name: String(form.get("name") ?? ""), externalId: String(form.get("externalId") ?? "") || null };
    if (customer) update.mutate({ id: customer.id, ...input });
    else create.mutate(input);
  }

  return (
    <>
      <Button variant={customer ? "secondary" : "primary"} onClick={() => setOpen(true)}>
        {customer ? "Edit" : "+ Customer"}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={customer ? "Edit customer" : "New customer"}>
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <TextField
            label="Name"
            name="name"
            defaultValue={customer?.name}
            required
            error={m.fieldErrors.name}
            autoComplete="off"
          />
          <TextField
            label="External id (optional)"
            name="externalId"
            defaultValue={customer?.externalId ?? ""}
            error={m.fieldErrors.externalId}
            hint="Your own id for this customer; embedding uses it to find the customer."
            autoComplete="off"
          />
          <div className="flex justify-end gap-3 pt-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={m.isPending}>
              Save
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
