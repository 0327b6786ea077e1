"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { carryOutcome, notify } from "@/components/ui/notify";
import { createCredentialAction } from "@/app/(app)/credentials/actions";
import type { ConnectionTypeView } from "@/lib/connection-types/view";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import { CredentialFields, readValues } from "./credential-fields";
import { HeaderEditor, type HeaderRow } from "./header-editor";

type Props = { customerId?: string; ownerLabel: string; methods: readonly ConnectionTypeView[] };

/** "+ Credential": a name, an auth method (of `methods`, as the server describes them), and the method's inputs. */
export function CreateCredentialDialog({ customerId, ownerLabel, methods }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [method, setMethod] = useState("api_key");
  const [headers, setHeaders] = useState<HeaderRow[]>([]);
  const create = useActionMutation(createCredentialAction, {
    onSuccess: (d) => {
      if (d.complete) notify.success(`Saved ${d.label}`);
      else
        notify.warning(
          d.tokenRefused
            ? (d.statusReason ?? `Saved ${d.label}`)
            : `Saved ${d.label}, but it is incomplete: ${d.statusReason}`,
        );
      setOpen(false);
      setHeaders([]);
      carryOutcome();
      router.push(`/credentials/${d.id}`);
    },
  });
  const def = methods.find((m) => m.key === method) ?? methods[0]!;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({
      label: String(form.get("label") ?? ""),
      authMethod: def.key,
      customerId: customerId ?? null,
      values: readValues(form),
      headers: def.traits.holdsTokens ? headers : undefined,
    });
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>+ Credential</Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="New credential"
        description={`Owned by ${ownerLabel}. Values are encrypted and never shown again.`}
      >
        <form onSubmit={onSubmit} className="max-h-[70vh] space-y-4 overflow-y-auto px-1" noValidate>
          <TextField
            label="Name"
            name="label"
            required
            error={create.fieldErrors.label}
            placeholder="Production S3 bucket"
            autoComplete="off"
          />
          <SelectField
            label="Auth method"
            value={def.key}
            onChange={(e) => setMethod(e.target.value)}
            error={create.fieldErrors.authMethod}
            hint={def.description}
          >
            {methods.map((m) => (
              <option key={m.key} value={m.key}>
                {m.label}
              </option>
            ))}
          </SelectField>
          <CredentialFields key={def.key} fields={def.fields} errors={create.fieldErrors} />
          {def.traits.holdsTokens ? (
            <HeaderEditor rows={headers} onChange={setHeaders} errors={create.fieldErrors} />
          ) : null}
          <p className="text-xs text-slate-500">
            You can save with required fields empty; the credential is then marked incomplete.
          </p>
          <div className="flex justify-end gap-3 pt-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={create.isPending}>
              Save
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
