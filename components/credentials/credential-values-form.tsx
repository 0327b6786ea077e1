"use client";

import { useState, type FormEvent } from "react";
import { notify } from "@/components/ui/notify";
import { updateCredentialAction } from "@/app/(app)/credentials/actions";
import type { KindTraits } from "@/lib/connection-types/kinds/kind";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import { CredentialFields, readCleared, readValues, type CredentialFieldInput } from "./credential-fields";
import { HeaderEditor, type HeaderRow } from "./header-editor";

/**
 * `fields`: the fields of the credential's connection type that this user may set, as the server
 * decided (hidden ones are left out for customers), with the stored values of the plain ones; `traits`: what its kind does (none when the
 * type was deleted since).
 */
type Props = {
  id: string;
  label: string;
  traits: KindTraits | undefined;
  fields: CredentialFieldInput[];
  headerNames: { name: string; on: string }[];
};

/** The Values tab: plain values shown as stored, editable; a blank secret input keeps the stored secret, never shown. */
export function CredentialValuesForm({ id, label, traits, fields, headerNames }: Props) {
  const [headers, setHeaders] = useState<HeaderRow[] | null>(null);
  const [formKey, setFormKey] = useState(0);
  const update = useActionMutation(updateCredentialAction, {
    onSuccess: (d) => {
      if (d.complete) notify.success("Values saved");
      else notify.warning(`Saved, still incomplete: ${d.statusReason}`);
      setHeaders(null);
      setFormKey((k) => k + 1);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const newLabel = String(form.get("label") ?? "");
    const clear = readCleared(form, fields);
    update.mutate({
      id,
      patch: {
        ...(newLabel !== label ? { label: newLabel } : {}),
        values: readValues(form),
        ...(clear.length > 0 ? { clear } : {}),
        ...(headers ? { headers } : {}),
      },
    });
  }

  // Field errors come back as "patch.values.x"; the inputs know them as "values.x".
  const errors = Object.fromEntries(Object.entries(update.fieldErrors).map(([k, v]) => [k.replace(/^patch\./, ""), v]));
  return (
    <form key={formKey} onSubmit={onSubmit} className="max-w-xl space-y-5" noValidate>
      <TextField label="Name" name="label" defaultValue={label} required error={errors.label} autoComplete="off" />
      <CredentialFields fields={fields} errors={errors} existing />
      {traits?.holdsTokens ? (
        headers ? (
          <HeaderEditor rows={headers} onChange={setHeaders} errors={errors} />
        ) : (
          <div className="space-y-2 text-sm">
            <p className="font-medium text-slate-800">Custom HTTP headers</p>
            <p className="text-slate-600">
              {headerNames.length === 0 ? "None." : headerNames.map((h) => `${h.name} (${h.on})`).join(", ")}
            </p>
            <Button variant="secondary" onClick={() => setHeaders([])}>
              Replace headers
            </Button>
          </div>
        )
      ) : null}
      <Button type="submit" pending={update.isPending}>
        Save values
      </Button>
    </form>
  );
}
