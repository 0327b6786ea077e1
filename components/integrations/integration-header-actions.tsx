"use client";

import { useState, type FormEvent } from "react";
import { updateIntegrationAction } from "@/app/(app)/integrations/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { useActionMutation } from "@/components/ui/use-action-mutation";

/** Edit the name and description (deleting is in the page's danger zone: DeleteIntegrationButton). */
export function IntegrationHeaderActions({ id, name, description }: { id: string; name: string; description: string }) {
  const [editing, setEditing] = useState(false);
  const update = useActionMutation(updateIntegrationAction, {
    success: "Integration saved",
    onSuccess: () => setEditing(false),
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    update.mutate({
      id,
      patch: { name: String(form.get("name") ?? ""), description: String(form.get("description") ?? "") },
    });
  }
  return (
    <div className="flex gap-2">
      <Button variant="secondary" onClick={() => setEditing(true)}>
        Edit
      </Button>
      <Dialog open={editing} onClose={() => setEditing(false)} title="Edit integration">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <TextField
            label="Name"
            name="name"
            defaultValue={name}
            error={update.fieldErrors["patch.name"] ?? update.fieldErrors.name}
          />
          <TextField
            label="Description (optional)"
            name="description"
            defaultValue={description}
            error={update.fieldErrors["patch.description"]}
          />
          <div className="flex justify-end gap-3 pt-2">
            <Button variant="secondary" onClick={() => setEditing(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={update.isPending}>
              Save
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
