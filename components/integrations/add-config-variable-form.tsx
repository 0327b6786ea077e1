"use client";

import { useState, type FormEvent } from "react";
import { addConfigVariableAction } from "@/app/(app)/integrations/actions";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import type { DesignerType } from "./designer-types";

function freeKey(base: string, taken: string[]): string {
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}_${n}`;
  return key;
}

/** "+ Connection": a config variable of type Connection for a connection type. */
export function AddConfigVariableForm({
  integrationId,
  types,
  takenKeys,
}: {
  integrationId: string;
  types: DesignerType[];
  takenKeys: string[];
}) {
  const [typeKey, setTypeKey] = useState(types[0]?.key ?? "");
  const type = types.find((t) => t.key === typeKey);
  const [formKey, setFormKey] = useState(0);
  const add = useActionMutation(addConfigVariableAction, {
    success: (d) => `Added connection ${d.label}`,
    onSuccess: () => setFormKey((k) => k + 1),
  });
  const e = Object.fromEntries(Object.entries(add.fieldErrors).map(([k, v]) => [k.replace(/^variable\./, ""), v]));
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    add.mutate({
      integrationId,
      variable: {
        type: "connection",
        connectionType: typeKey,
        label: String(form.get("label") ?? ""),
        key: String(form.get("key") ?? "").trim(),
      },
    });
  }
  return (
    <form
      key={formKey}
      onSubmit={onSubmit}
      className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200"
      aria-label="Add a connection"
      noValidate
    >
      <h3 className="text-sm font-semibold text-slate-900">+ Connection</h3>
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          label="Connection type"
          value={typeKey}
          onChange={(ev) => setTypeKey(ev.target.value)}
          error={e.connectionType}
        >
          {types.map((t) => (
            <option key={t.key} value={t.key}>
              {t.label}
            </option>
          ))}
        </SelectField>
        <TextField
          key={`l-${typeKey}`}
          label="Label"
          name="label"
          defaultValue={type ? `${type.label} connection` : ""}
          error={e.label}
          autoComplete="off"
        />
        <TextField
          key={`k-${typeKey}`}
          label="Key"
          name="key"
          defaultValue={type ? freeKey(type.key, takenKeys) : ""}
          error={e.key}
          autoComplete="off"
        />
      </div>
      <div className="flex justify-end">
        <Button type="submit" variant="secondary" pending={add.isPending}>
          Add connection
        </Button>
      </div>
    </form>
  );
}
