"use client";

import { TextField } from "@/components/ui/field";
import type { WizardField } from "@/lib/instances/connections";

/**
 * The inputs of one connection in the wizard. A non-secret field shows its stored value (or the
 * default), editable; a secret one is write-only: a stored value or secret default is only
 * announced, never sent to the browser, and a blank input keeps it.
 */
export function WizardFields({
  fields,
  errors,
  disabled = false,
}: {
  fields: WizardField[];
  errors: Record<string, string>;
  disabled?: boolean;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {fields.map((f) => {
        const writeOnly = f.secret && f.set;
        // A stored plain value is shown as it is; only a secret one stays behind a blank input. A
        // default that applies (the integration's or the type's) is shown, not copied into the input.
        const inheritedOnly = !f.secret && f.set && f.value === undefined;
        const initial = f.value ?? (f.set ? "" : f.default);
        const hint =
          f.secret && f.hasDefault
            ? "The organization set a default. Leave blank to use it."
            : writeOnly
              ? "Saved; not shown because it is secret. Leave blank to keep it."
              : inheritedOnly && f.default
                ? "The default applies. Enter a value to override it."
                : f.help;
        const placeholder = writeOnly ? "••••••••" : inheritedOnly && f.default ? f.default : f.placeholder;
        const common = {
          label: `${f.label}${f.required ? "" : " (optional)"}`,
          name: `values.${f.key}`,
          placeholder,
          hint,
          disabled,
          error: errors[`values.${f.key}`] ?? errors[`input.values.${f.key}`],
        };
        if (f.type === "text") {
          const id = `wizard-${f.key}`;
          return (
            <div key={f.key} className="space-y-1.5 sm:col-span-2">
              <label htmlFor={id} className="block text-sm font-medium text-slate-800">
                {common.label}
              </label>
              <textarea
                id={id}
                name={common.name}
                rows={5}
                disabled={disabled}
                defaultValue={initial}
                placeholder={placeholder}
                spellCheck={false}
                autoComplete="off"
                aria-invalid={common.error ? true : undefined}
                className="block w-full rounded-md px-3 py-2 font-mono text-xs ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-500"
              />
              {common.error ? (
                <p className="text-xs font-medium text-red-600">{common.error}</p>
              ) : hint ? (
                <p className="text-xs text-slate-500">{hint}</p>
              ) : null}
            </div>
          );
        }
        return (
          <TextField
            key={f.key}
            {...common}
            type={f.secret ? "password" : f.type === "url" ? "url" : "text"}
            autoComplete={f.secret ? "new-password" : "off"}
            defaultValue={initial}
          />
        );
      })}
    </div>
  );
}
