"use client";

import { useState, type FormEvent } from "react";
import { sendCredentialLinkAction, sendInstanceLinkAction } from "@/app/(app)/authorization-links/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useActionMutation } from "@/components/ui/use-action-mutation";

type Target = { credentialId: string } | { instanceId: string; connectionKey: string };

/** "Send email": e-mails the customer a single-use link to authorize this connection themselves. */
export function SendLinkForm({ target }: { target: Target }) {
  const [formKey, setFormKey] = useState(0);
  const onSuccess = () => setFormKey((k) => k + 1);
  const success = (d: { email: string; delivery: "smtp" | "outbox" }) => (d.delivery === "smtp" ? `Sent the authorization link to ${d.email}` : `No SMTP server: the e-mail to ${d.email} is in Settings → Outbox`);
  const byCredential = useActionMutation(sendCredentialLinkAction, { success, onSuccess });
  const byInstance = useActionMutation(sendInstanceLinkAction, { success, onSuccess });
  const m = "credentialId" in target ? byCredential : byInstance;
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    if ("credentialId" in target) byCredential.mutate({ credentialId: target.credentialId, email });
    else byInstance.mutate({ instanceId: target.instanceId, key: target.connectionKey, email });
  }
  return (
    <form key={formKey} onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" aria-label="Send an authorization link" noValidate>
      <div className="min-w-64 flex-1">
        <TextField label="Customer's e-mail" name="email" type="email" autoComplete="off" placeholder="it@customer.example" error={m.fieldErrors.email} hint="They get a link that works once, for 24 hours, to press CONNECT without an account." />
      </div>
      <Button type="submit" variant="secondary" pending={m.isPending}>
        Send email
      </Button>
    </form>
  );
}
