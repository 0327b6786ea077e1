"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  deleteWebhookAction,
  rotateWebhookSecretAction,
  sendTestEventAction,
  setWebhookEnabledAction,
} from "@/app/(app)/settings/webhooks/actions";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { carryOutcome } from "@/components/ui/notify";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import type { WebhookDto } from "@/lib/webhooks/schemas";

/** An admin's actions on one endpoint: send a test, rotate the secret, disable or enable, delete. */
export function EndpointActions({ endpoint }: { endpoint: WebhookDto }) {
  const router = useRouter();
  const [confirm, setConfirm] = useState<"rotate" | "delete" | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const test = useActionMutation(sendTestEventAction, { success: "Test event queued" });
  const toggle = useActionMutation(setWebhookEnabledAction, {
    success: (d) => (d.enabled ? "Endpoint enabled" : "Endpoint disabled"),
  });
  const rotate = useActionMutation(rotateWebhookSecretAction, {
    success: "Secret rotated; the old one signs beside it for 24 hours",
    onSuccess: (d) => setSecret(d.secret),
  });
  const remove = useActionMutation(deleteWebhookAction, {
    success: "Webhook endpoint deleted",
    onSuccess: () => {
      carryOutcome();
      router.push("/settings/webhooks");
    },
  });
  const close = () => {
    setConfirm(null);
    setSecret(null);
    rotate.reset();
  };
  return (
    <div className="flex flex-wrap gap-2">
      <Button pending={test.isPending} onClick={() => test.mutate({ id: endpoint.id })}>
        Send test event
      </Button>
      <Button variant="secondary" onClick={() => setConfirm("rotate")}>
        Rotate secret
      </Button>
      <Button
        variant="secondary"
        pending={toggle.isPending}
        onClick={() => toggle.mutate({ id: endpoint.id, enabled: !endpoint.enabled })}
      >
        {endpoint.enabled ? "Disable" : "Enable"}
      </Button>
      <Button variant="ghost" className="text-red-700" onClick={() => setConfirm("delete")}>
        Delete
      </Button>
      <Dialog
        open={confirm === "rotate"}
        onClose={close}
        title={secret ? "Copy the new signing secret" : "Rotate the signing secret?"}
        description={
          secret
            ? "This is the only time it is shown. Both secrets sign every delivery for the next 24 hours."
            : "A new secret is made. The current one keeps signing beside it for 24 hours, so your receiver can switch without losing an event."
        }
      >
        {secret ? (
          <div className="space-y-4">
            <label htmlFor="rotated-webhook-secret" className="sr-only">
              New signing secret
            </label>
            <input
              id="rotated-webhook-secret"
              readOnly
              value={secret}
              className="w-full rounded-md bg-slate-100 px-3 py-2 font-mono text-sm"
              onFocus={(e) => e.currentTarget.select()}
            />
            <div className="flex justify-end gap-3">
              <CopyButton value={secret} label="Copy secret" />
              <Button onClick={close}>Done</Button>
            </div>
          </div>
        ) : (
          <div className="flex justify-end gap-3">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button pending={rotate.isPending} onClick={() => rotate.mutate({ id: endpoint.id })}>
              Rotate secret
            </Button>
          </div>
        )}
      </Dialog>
      <Dialog
        open={confirm === "delete"}
        onClose={close}
        title="Delete this endpoint?"
        description="Its deliveries and their log go with it; nothing more is sent to it. This cannot be undone."
      >
        <div className="flex justify-end gap-3">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button variant="danger" pending={remove.isPending} onClick={() => remove.mutate({ id: endpoint.id })}>
            Delete endpoint
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
