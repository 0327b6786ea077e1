"use client";

import { useState, type FormEvent } from "react";
import { notify } from "@/components/ui/notify";
import { createApiKeyAction } from "@/app/(app)/settings/api-keys/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { useActionMutation } from "@/components/ui/use-action-mutation";

/** Creates an API key and shows it once; closing the dialog forgets it. */
export function CreateApiKeyDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const create = useActionMutation(createApiKeyAction, {
    success: "API key created",
    onSuccess: (d) => setCreated({ name: d.name, token: d.token }),
  });

  function close() {
    setCreated(null);
    create.reset();
    onClose();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({ name: String(form.get("name") ?? ""), role: String(form.get("role") ?? "builder") as "builder" });
  }

  return (
    <Dialog open={open} onClose={close} title={created ? "Copy your API key" : "Create an API key"}>
      {created ? (
        <div className="space-y-4">
          <p className="text-sm text-slate-700">
            This is the only time <strong>{created.name}</strong> is shown. Store it in your secret manager now.
          </p>
          <label htmlFor="new-api-key" className="sr-only">
            New API key
          </label>
          <input
            id="new-api-key"
            readOnly
            value={created.token}
            className="w-full rounded-md bg-slate-100 px-3 py-2 font-mono text-sm"
            onFocus={(e) => e.currentTarget.select()}
          />
          <div className="flex justify-end gap-3">
            <Button
              variant="secondary"
              onClick={() => {
                void navigator.clipboard?.writeText(created.token).then(() => notify.success("Copied"));
              }}
            >
              Copy
            </Button>
            <Button onClick={close}>Done</Button>
          </div>
        </div>
      ) : (
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <TextField
            label="Name"
            name="name"
            required
            placeholder="Production integration runner"
            error={create.fieldErrors.name}
          />
          <SelectField label="Role" name="role" defaultValue="builder" error={create.fieldErrors.role}>
            <option value="admin">Admin: everything, including organization settings</option>
            <option value="builder">Builder: reads and writes customers, credentials and instances</option>
            <option value="viewer">Viewer: reads only</option>
          </SelectField>
          <div className="flex justify-end gap-3 pt-2">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" pending={create.isPending}>
              Create key
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
