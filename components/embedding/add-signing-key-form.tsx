"use client";

import { useRef, type FormEvent } from "react";
import { addSigningKeyAction } from "@/app/(app)/settings/embedding/actions";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { useActionMutation } from "@/components/ui/use-action-mutation";

/** Registers a partner's PEM public key; the form clears once it is added. */
export function AddSigningKeyForm() {
  const form = useRef<HTMLFormElement>(null);
  const add = useActionMutation(addSigningKeyAction, {
    success: (k) => `Added ${k.label} (${k.algorithm})`,
    onSuccess: () => form.current?.reset(),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    add.mutate({ label: String(data.get("label") ?? ""), publicKeyPem: String(data.get("publicKeyPem") ?? "") });
  }

  return (
    <form
      ref={form}
      onSubmit={onSubmit}
      className="space-y-4 rounded-lg bg-white p-4 ring-1 ring-slate-200"
      aria-labelledby="add-key-heading"
      noValidate
    >
      <h3 id="add-key-heading" className="text-sm font-semibold text-slate-900">
        Add a public key
      </h3>
      <TextField
        label="Label"
        name="label"
        required
        maxLength={100}
        placeholder="Acme production 2026"
        error={add.fieldErrors.label}
      />
      <TextAreaField
        label="Public key (PEM)"
        name="publicKeyPem"
        required
        rows={7}
        placeholder={"-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----"}
        hint="An RSA key of 2048 bits or more (RS256) or an EC P-256 key (ES256). Never the private key."
        error={add.fieldErrors.publicKeyPem}
      />
      <div className="flex justify-end">
        <Button type="submit" pending={add.isPending}>
          Add key
        </Button>
      </div>
    </form>
  );
}
