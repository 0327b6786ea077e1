"use client";

import { useId } from "react";
import type { FieldView } from "@/lib/connection-types/view";
import { TextField } from "@/components/ui/field";

type Props = { fields: FieldView[]; errors: Record<string, string>; fieldsSet?: string[] };

/**
 * The inputs of an auth method. On an existing credential each shows only "set" or "not set": the
 * stored value never reaches the browser, and a blank input keeps it.
 */
export function CredentialFields({ fields, errors, fieldsSet }: Props) {
  const base = useId();
  return (
    <div className="space-y-4">
      {fields.map((f) => {
        const state = fieldsSet ? (fieldsSet.includes(f.key) ? "set" : "not set") : undefined;
        const label = `${f.label}${f.required ? "" : " (optional)"}`;
        const hint = state ? `Currently ${state}.${state === "set" ? " Leave blank to keep it." : ""}` : undefined;
        const error = errors[`values.${f.key}`];
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
                placeholder={f.placeholder}
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
            placeholder={f.placeholder}
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
