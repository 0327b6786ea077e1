"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { deleteIntegrationAction, updateIntegrationAction } from "@/app/(app)/integrations/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { carryOutcome } from "@/components/ui/notify";
import { useActionMutation } from "@/components/ui/use-action-mutation";

/** Edit the name and description, or delete the integration after typing its name. */
export function IntegrationHeaderActions({ id, name, description }: { id: string; name: string; description: string }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [typed, setTyped] = useState("");
  const update = useActionMutation(updateIntegrationAction, {
    success: "Integration saved",
    onSuccess: () => setEditing(false),
  });
  const remove = useActionMutation(deleteIntegrationAction, {
    success: `Deleted ${name}`,
    onSuccess: () => {
      carryOutcome();
      router.push("/integrations");
    },
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
      <Button variant="danger" onClick={() => setDeleting(true)}>
        Delete
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
    </div>
  );
}
