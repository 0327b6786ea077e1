"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createIntegrationAction } from "@/app/(app)/integrations/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { carryOutcome } from "@/components/ui/notify";
import { useActionMutation } from "@/components/ui/use-action-mutation";

/** "+ Integration": a name and a description, then on to the designer. */
export function CreateIntegrationButton() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const create = useActionMutation(createIntegrationAction, {
    success: (d) => `Created ${d.name}`,
    onSuccess: (d) => {
      setOpen(false);
      carryOutcome();
      router.push(`/integrations/${d.id}`);
    },
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({ name: String(form.get("name") ?? ""), description: String(form.get("description") ?? "") });
  }
  return (
    <>
      <Button onClick={() => setOpen(true)}>+ Integration</Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="New integration"
        description="Add its connections and steps in the designer next."
      >
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <TextField
            label="Name"
            name="name"
            required
            placeholder="Sync invoices to QuickBooks"
            error={create.fieldErrors.name}
            autoComplete="off"
          />
          <TextField
            label="Description (optional)"
            name="description"
            error={create.fieldErrors.description}
            autoComplete="off"
          />
          <div className="flex justify-end gap-3 pt-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={create.isPending}>
              Create
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
