"use client";

import { useState, type FormEvent } from "react";
import { sendCredentialLinkAction, sendInstanceLinkAction } from "@/app/(app)/authorization-links/actions";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { TextField } from "@/components/ui/field";
import { useActionMutation } from "@/components/ui/use-action-mutation";

type Target = { credentialId: string } | { instanceId: string; connectionKey: string };

/** "Send email": e-mails the customer a single-use link to authorize this connection themselves. */
export function SendLinkForm({ target }: { target: Target }) {
  const [formKey, setFormKey] = useState(0);
  // Without SMTP the link is shown here once, to forward; the outbox keeps the mail without it.
  const [shown, setShown] = useState<{ email: string; link: string } | null>(null);
  const onSuccess = (d: { email: string; link?: string }) => {
    setFormKey((k) => k + 1);
    setShown(d.link ? { email: d.email, link: d.link } : null);
  };
  const success = (d: { email: string; delivery: "smtp" | "outbox" }) =>
    d.delivery === "smtp"
      ? `Sent the authorization link to ${d.email}`
      : `No SMTP server: copy the link below and send it to ${d.email}`;
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
    <>
      {shown ? (
        <div
          role="status"
          aria-label="Authorization link"
          className="space-y-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200"
        >
          <p>
            No SMTP server is configured: send this link to {shown.email} yourself. It is shown only now; Settings →
            Outbox keeps the e-mail without it.
          </p>
          <div className="flex items-center gap-2">
            <input
              readOnly
              value={shown.link}
              aria-label="Link to send"
              className="min-w-0 flex-1 rounded border border-amber-300 bg-white px-2 py-1 font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton value={shown.link} />
          </div>
        </div>
      ) : null}
      <form
        key={formKey}
        onSubmit={onSubmit}
        className="flex flex-wrap items-end gap-3"
        aria-label="Send an authorization link"
        noValidate
      >
        <div className="min-w-64 flex-1">
          <TextField
            label="Customer's e-mail"
            name="email"
            type="email"
            autoComplete="off"
            placeholder="it@customer.example"
            error={m.fieldErrors.email}
            hint="They get a link that works once, for 24 hours, to press CONNECT without an account."
          />
        </div>
        <Button type="submit" variant="secondary" pending={m.isPending}>
          Send email
        </Button>
      </form>
    </>
  );
}
