"use client";

import { ProxyUrl } from "@/components/connection-types/proxy-section";
import { TextField } from "@/components/ui/field";
import type { DesignerType } from "./designer-types";
import type { Variable } from "./config-variable-types";
import { ConfigVariableCardActions, ConfigVariableCardHeader } from "./config-variable-card-chrome";
import { ConfigVariableFieldsTable } from "./config-variable-fields-table";
import { RedirectUrlOptions, ScopeOverrideOption } from "./config-variable-options";
import { useConfigVariableForm } from "./use-config-variable-form";

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
  const form = useConfigVariableForm(integrationId, variable, type);
  const { fieldErrors } = form.save;

  return (
    <article className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200" aria-labelledby={`cv-${variable.key}`}>
      <form onSubmit={form.onSubmit} noValidate>
        <ConfigVariableCardHeader variable={variable} type={type} />
        <div className="space-y-4 px-4 py-3">
          {writable ? (
            <TextField
              label="Label"
              name="label"
              defaultValue={variable.label}
              error={fieldErrors["patch.label"] ?? fieldErrors.label}
            />
          ) : null}
          <ConfigVariableFieldsTable
            type={type}
            variable={variable}
            visibility={form.visibility}
            onVisibility={form.setFieldVisibility}
            error={form.fieldError}
            writable={writable}
          />
          {form.needDefault.length > 0 ? (
            <p
              role="note"
              className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800"
              data-testid="needs-default"
            >
              Before a customer can connect, give {form.needDefault.map((f) => f.label).join(", ")} a default: hidden
              fields are set by your organization only.
            </p>
          ) : null}
          <p className="text-xs text-slate-500">
            Customer: shown in the wizard. Embedded: never shown; the embedding partner sets it from its code. Hidden:
            set by your organization only. A blank secret default keeps the stored one.
          </p>
          {type?.proxy ? (
            <div>
              <h4 className="mb-1 text-sm font-medium text-slate-800">Proxy</h4>
              <ProxyUrl url={`${type.proxy.urlPrefix}${variable.key}/proxy/`} targets={type.proxy.targets} />
            </div>
          ) : null}
          <ScopeOverrideOption variable={variable} writable={writable} />
          {form.oauth ? <RedirectUrlOptions variable={variable} writable={writable} fieldErrors={fieldErrors} /> : null}
        </div>
        {writable ? (
          <ConfigVariableCardActions
            variable={variable}
            removing={form.removing}
            saving={form.save.isPending}
            onRemove={form.onRemove}
          />
        ) : null}
      </form>
    </article>
  );
}
