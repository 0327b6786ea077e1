"use client";

import { useState, type FormEvent } from "react";
import { own } from "@/lib/validation/own";
import { removeConfigVariableAction, updateConfigVariableAction } from "@/app/(app)/integrations/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import type { IntegrationDto } from "@/lib/integrations/schemas";
import { secretUrlWarning } from "@/lib/auth/visibility";
import { fieldsNeedingDefault } from "@/lib/integrations/default-visibility";
import type { DesignerType } from "./designer-types";

type Variable = IntegrationDto["configVariables"][number];
type Visibility = "customer" | "embedded" | "hidden";

const visibilityLabels: Record<Visibility, string> = { customer: "Customer", embedded: "Embedded", hidden: "Hidden" };

const cell =
  "w-full rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-500";

/** One connection config variable: per-field defaults and visibility, scope override, redirect URLs. */
export function ConfigVariableCard({
  integrationId,
  variable,
  type,
  writable,
}: {
  integrationId: string;
  variable: Variable;
  type: DesignerType | undefined;
  writable: boolean;
}) {
  const [visibility, setVisibility] = useState<Record<string, Visibility>>(() =>
    Object.fromEntries(Object.entries(variable.fields).map(([k, s]) => [k, s.visibility])),
  );
  const save = useActionMutation(updateConfigVariableAction, { success: `Saved ${variable.label}` });
  const remove = useActionMutation(removeConfigVariableAction, { success: `Removed ${variable.label}` });
  const err = (k: string) => save.fieldErrors[`fields.${k}`] ?? save.fieldErrors[`patch.fields.${k}.default`];
  const oauth = !!type?.authorizes;
  const needDefault = fieldsNeedingDefault(type?.fields ?? [], (k) => {
    const v = own(visibility, k);
    return v ? { visibility: v, hasDefault: !!own(variable.fields, k)?.hasDefault } : undefined;
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!type) return;
    const form = new FormData(event.currentTarget);
    const fields = Object.fromEntries(
      type.fields.map((f) => {
        const value = String(form.get(`default.${f.key}`) ?? "");
        // A blank secret keeps the stored default; a blank plain value clears it.
        const def = f.secret ? (value === "" ? undefined : value) : value === "" ? null : value;
        return [f.key, { visibility: own(visibility, f.key) ?? "customer", default: def }];
      }),
    );
    save.mutate({
      integrationId,
      key: variable.key,
      patch: {
        label: String(form.get("label") ?? ""),
        fields,
        allowScopeOverride: form.get("allowScopeOverride") === "on",
        ...(oauth
          ? {
              successRedirectUrl: String(form.get("successRedirectUrl") ?? "").trim() || null,
              failureRedirectUrl: String(form.get("failureRedirectUrl") ?? "").trim() || null,
            }
          : {}),
      },
    });
  }

  return (
    <article className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200" aria-labelledby={`cv-${variable.key}`}>
      <form onSubmit={onSubmit} noValidate>
        <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-4 py-3">
          <div>
            <h3 id={`cv-${variable.key}`} className="font-medium text-slate-900">
              {variable.label} <span className="font-mono text-xs font-normal text-slate-500">{variable.key}</span>
            </h3>
            <p className="text-xs text-slate-500">{type?.label ?? `Unknown type ${variable.connectionType}`}</p>
          </div>
          <p className="text-xs text-slate-600" data-testid={`used-by-${variable.key}`}>
            {variable.usedBySteps.length > 0 ? `Used by: ${variable.usedBySteps.join(", ")}` : "Not used by any step"}
          </p>
        </header>
        <div className="space-y-4 px-4 py-3">
          {writable ? (
            <TextField
              label="Label"
              name="label"
              defaultValue={variable.label}
              error={save.fieldErrors["patch.label"] ?? save.fieldErrors.label}
            />
          ) : null}
          <div className="relative overflow-x-auto">
            <table className="min-w-full text-sm">
              <caption className="sr-only">Fields of {variable.label}</caption>
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
                {type?.fields.map((f) => {
                  const s = own(variable.fields, f.key);
                  return (
                    <tr key={f.key} className="align-top">
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
                          placeholder={
                            f.secret
                              ? s?.hasDefault
                                ? "Set; blank keeps it"
                                : "No default"
                              : (f.default ?? "No default")
                          }
                          disabled={!writable}
                          className={cell}
                          aria-invalid={err(f.key) ? true : undefined}
                        />
                        {err(f.key) ? <p className="text-xs text-red-600">{err(f.key)}</p> : null}
                      </td>
                      <td className="py-2">
                        <select
                          aria-label={`Visibility of ${f.label}`}
                          value={own(visibility, f.key) ?? "customer"}
                          disabled={!writable}
                          onChange={(ev) => setVisibility({ ...visibility, [f.key]: ev.target.value as Visibility })}
                          className={cell}
                        >
                          {(Object.keys(visibilityLabels) as Visibility[]).map((v) => (
                            <option key={v} value={v}>
                              {visibilityLabels[v]}
                            </option>
                          ))}
                        </select>
                        {(() => {
                          const warning = secretUrlWarning(
                            { key: f.key, type: f.type ?? "string" },
                            visibility[f.key] ?? "customer",
                            new Set(f.baseUrl ? [f.key] : []),
                          );
                          return warning ? (
                            <p role="note" className="mt-1 text-xs text-amber-700">
                              {warning}
                            </p>
                          ) : null;
                        })()}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {needDefault.length > 0 ? (
            <p
              role="note"
              className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800"
              data-testid="needs-default"
            >
              Before a customer can connect, give {needDefault.map((f) => f.label).join(", ")} a default: hidden fields
              are set by your organization only.
            </p>
          ) : null}
          <p className="text-xs text-slate-500">
            Customer: shown in the wizard. Embedded: never shown; the embedding partner sets it from its code. Hidden:
            set by your organization only. A blank secret default keeps the stored one.
          </p>
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              name="allowScopeOverride"
              defaultChecked={variable.allowScopeOverride}
              disabled={!writable}
            />{" "}
            Allow a scope override per instance
          </label>
          {oauth ? (
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField
                label="Success redirect URL (optional)"
                name="successRedirectUrl"
                type="url"
                defaultValue={variable.successRedirectUrl ?? ""}
                disabled={!writable}
                error={save.fieldErrors["patch.successRedirectUrl"] ?? save.fieldErrors.successRedirectUrl}
                hint="Instead of Latchkey's own page after CONNECT."
              />
              <TextField
                label="Failure redirect URL (optional)"
                name="failureRedirectUrl"
                type="url"
                defaultValue={variable.failureRedirectUrl ?? ""}
                disabled={!writable}
                error={save.fieldErrors["patch.failureRedirectUrl"] ?? save.fieldErrors.failureRedirectUrl}
              />
            </div>
          ) : null}
        </div>
        {writable ? (
          <footer className="flex justify-between gap-3 border-t border-slate-100 px-4 py-3">
            <Button
              variant="ghost"
              pending={remove.isPending}
              disabled={variable.usedBySteps.length > 0}
              title={variable.usedBySteps.length > 0 ? "Steps use this connection; remove them first" : undefined}
              onClick={() => remove.mutate({ integrationId, key: variable.key })}
            >
              Remove
            </Button>
            <Button type="submit" pending={save.isPending}>
              Save {variable.label}
            </Button>
          </footer>
        ) : null}
      </form>
    </article>
  );
}
