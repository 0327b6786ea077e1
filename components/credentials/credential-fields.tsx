"use client";

import { useId } from "react";
import type { FieldView } from "@/lib/connection-types/view";
import { TextField } from "@/components/ui/field";

/** A field as the form draws it; on an existing credential, what it holds and which default applies. */
export type CredentialFieldInput = FieldView & {
  stored?: boolean;
  value?: string;
  default?: string;
  hasDefault?: boolean;
};

type Props = { fields: CredentialFieldInput[]; errors: Record<string, string>; existing?: boolean };

/**
 * What an existing credential's input says beside it. A plain field shows its stored value in the
 * input, editable; a secret one is write-only (the value never reaches the browser, a blank input
 * keeps it). A default is named as a default, never put in the input or the placeholder, where it
 * would read as what is stored.
 */
function hintOf(f: CredentialFieldInput, existing: boolean): string | undefined {
  if (!existing || f.stored)
    return f.secret && f.stored ? "Saved; not shown because it is secret. Leave blank to keep it." : f.help;
  if (f.default !== undefined) return `Not set here: the default, ${f.default}, applies. Enter a value to override it.`;
  if (f.hasDefault) return "Not set here: the organization's default applies. Enter a value to override it.";
  return f.help ? `Not set. ${f.help}` : "Not set.";
}

/** The inputs of an auth method, for a new credential or (`existing`) a stored one. */
export function CredentialFields({ fields, errors, existing = false }: Props) {
  const base = useId();
  return (
    <div className="space-y-4">
      {fields.map((f) => {
        const label = `${f.label}${f.required ? "" : " (optional)"}`;
        const hint = hintOf(f, existing);
        const error = errors[`values.${f.key}`];
        const placeholder = f.secret && f.stored ? "••••••••" : f.placeholder;
        const defaultValue = f.secret ? undefined : f.value;
        if (f.type === "text") {
          const id = `${base}-${f.key}`;
          return (
            <div key={f.key} className="space-y-1.5">
              <label htmlFor={id} className="block text-sm font-medium text-slate-800">
                {label}
              </label>
              <textarea
                id={id}
                name={`values.${f.key}`}
                rows={6}
                placeholder={placeholder}
                defaultValue={defaultValue}
                spellCheck={false}
                autoComplete="off"
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
                className="block w-full rounded-md border-0 px-3 py-2 font-mono text-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-500"
              />
              {hint && !error ? (
                <p id={`${id}-hint`} className="text-xs text-slate-500">
                  {hint}
                </p>
              ) : null}
              {error ? (
                <p id={`${id}-error`} className="text-xs font-medium text-red-600">
                  {error}
                </p>
              ) : null}
            </div>
          );
        }
        return (
          <TextField
            key={f.key}
            label={label}
            name={`values.${f.key}`}
            type={f.secret ? "password" : f.type === "url" ? "url" : "text"}
            placeholder={placeholder}
            defaultValue={defaultValue}
            autoComplete={f.secret ? "new-password" : "off"}
            hint={hint}
            error={error}
          />
        );
      })}
    </div>
  );
}

/** Reads `values.<key>` inputs of a form into a values object. */
export function readValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form.entries())
    if (name.startsWith("values.") && typeof value === "string") values[name.slice(7)] = value;
  return values;
}

/**
 * The fields whose stored plain value the user emptied: blank keeps a stored secret (it is never
 * shown), but a plain value is shown in its input, so emptying it means removing it.
 */
export function readCleared(form: FormData, fields: readonly { key: string; secret: boolean; value?: string }[]) {
  return fields
    .filter((f) => !f.secret && f.value !== undefined && String(form.get(`values.${f.key}`) ?? "").trim() === "")
    .map((f) => f.key);
}
