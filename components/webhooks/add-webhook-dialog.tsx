"use client";

import { useState, type FormEvent } from "react";
import { createWebhookAction } from "@/app/(app)/settings/webhooks/actions";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import { EVENT_TYPES } from "@/lib/webhooks/event-types";

const choosable = EVENT_TYPES.filter((t) => t !== "webhook.test");

/** Adds an endpoint and shows its signing secret once; closing the dialog forgets it. */
export function AddWebhookDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const [all, setAll] = useState(true);
  const create = useActionMutation(createWebhookAction, {
    success: "Webhook endpoint added",
    onSuccess: (d) => setCreated({ url: d.url, secret: d.secret }),
  });

  function close() {
    setCreated(null);
    setAll(true);
    create.reset();
    onClose();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const events = all ? ["*"] : form.getAll("events").map(String);
    create.mutate({
      url: String(form.get("url") ?? ""),
      events,
      description: String(form.get("description") ?? ""),
    });
  }

  return (
    <Dialog open={open} onClose={close} title={created ? "Copy the signing secret" : "Add a webhook endpoint"}>
      {created ? (
        <div className="space-y-4">
          <p className="text-sm text-slate-700">
            This is the only time the secret of <strong className="break-all">{created.url}</strong> is shown. Your
            receiver verifies each delivery with it.
          </p>
          <label htmlFor="new-webhook-secret" className="sr-only">
            Signing secret
          </label>
          <input
            id="new-webhook-secret"
            readOnly
            value={created.secret}
            className="w-full rounded-md bg-slate-100 px-3 py-2 font-mono text-sm"
            onFocus={(e) => e.currentTarget.select()}
          />
          <div className="flex justify-end gap-3">
            <CopyButton value={created.secret} label="Copy secret" />
            <Button onClick={close}>Done</Button>
          </div>
        </div>
      ) : (
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <TextField
            label="URL"
            name="url"
            required
            placeholder="https://api.example.com/hooks/latchkey"
            error={create.fieldErrors.url}
          />
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Events</legend>
            <label className="mt-2 flex items-center gap-2 text-sm">
              <input type="checkbox" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
              All events
            </label>
            {all ? null : (
              <div className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2">
                {choosable.map((t) => (
                  <label key={t} className="flex items-center gap-2 font-mono text-xs">
                    <input type="checkbox" name="events" value={t} />
                    {t}
                  </label>
                ))}
              </div>
            )}
            {create.fieldErrors.events ? (
              <p className="mt-1 text-sm text-red-700" role="status">
                {create.fieldErrors.events}
              </p>
            ) : null}
          </fieldset>
          <TextField
            label="Description"
            name="description"
            placeholder="CRM sync service"
            error={create.fieldErrors.description}
          />
          <div className="flex justify-end gap-3 pt-2">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" pending={create.isPending}>
              Add endpoint
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
