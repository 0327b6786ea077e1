"use client";

import { own } from "@/lib/validation/own";
import { secretUrlWarning } from "@/lib/auth/visibility";
import type { DesignerField, DesignerType } from "./designer-types";
import type { Variable, Visibility } from "./config-variable-types";

const visibilityLabels: Record<Visibility, string> = { customer: "Customer", embedded: "Embedded", hidden: "Hidden" };

const cell =
  "w-full rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-500";

type RowProps = {
  variable: Variable;
  visibility: Record<string, Visibility>;
  onVisibility: (key: string, value: Visibility) => void;
  error: (key: string) => string | undefined;
  writable: boolean;
};

/** The type's fields of one config variable: each field's default and visibility. */
export function ConfigVariableFieldsTable({ type, ...row }: RowProps & { type: DesignerType | undefined }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Fields of {row.variable.label}</caption>
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-1.5 pr-3">
              Field
            </th>
            <th scope="col" className="py-1.5 pr-3">
              Default
            </th>
            <th scope="col" className="py-1.5">
              Visibility
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {type?.fields.map((f) => (
            <FieldRow key={f.key} field={f} {...row} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FieldRow({
  field: f,
  variable,
  visibility,
  onVisibility,
  error,
  writable,
}: RowProps & { field: DesignerField }) {
  const s = own(variable.fields, f.key);
  return (
    <tr className="align-top">
      <td className="py-2 pr-3">
        <span className="font-medium text-slate-800">{f.label}</span>
        <span className="block font-mono text-xs text-slate-500">
          {f.key}
          {f.required ? " · required" : ""}
          {f.secret ? " · secret" : ""}
        </span>
      </td>
      <td className="py-2 pr-3">
        <input
          name={`default.${f.key}`}
          aria-label={`Default of ${f.label}`}
          type={f.secret ? "password" : "text"}
          autoComplete={f.secret ? "new-password" : "off"}
          defaultValue={f.secret ? "" : (s?.default ?? "")}
          placeholder={f.secret ? (s?.hasDefault ? "Set; blank keeps it" : "No default") : (f.default ?? "No default")}
          disabled={!writable}
          className={cell}
          aria-invalid={error(f.key) ? true : undefined}
        />
        {error(f.key) ? <p className="text-xs text-red-600">{error(f.key)}</p> : null}
      </td>
      <td className="py-2">
        <select
          aria-label={`Visibility of ${f.label}`}
          value={own(visibility, f.key) ?? "customer"}
          disabled={!writable}
          onChange={(ev) => onVisibility(f.key, ev.target.value as Visibility)}
          className={cell}
        >
          {(Object.keys(visibilityLabels) as Visibility[]).map((v) => (
            <option key={v} value={v}>
              {visibilityLabels[v]}
            </option>
          ))}
        </select>
        <SecretUrlWarning field={f} visibility={visibility[f.key] ?? "customer"} />
      </td>
    </tr>
  );
}

/** The warning, if any, that this field's visibility sends a secret to a URL (see `secretUrlWarning`). */
function SecretUrlWarning({ field: f, visibility }: { field: DesignerField; visibility: Visibility }) {
  const warning = secretUrlWarning(
    { key: f.key, type: f.type ?? "string" },
    visibility,
    new Set(f.baseUrl ? [f.key] : []),
  );
  return warning ? (
    <p role="note" className="mt-1 text-xs text-amber-700">
      {warning}
    </p>
  ) : null;
}
