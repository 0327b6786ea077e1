"use client";

import { TextField } from "@/components/ui/field";
import type { FieldErrors, Variable } from "./config-variable-types";

/** Whether each instance may override the connection's scopes. */
export function ScopeOverrideOption({ variable, writable }: { variable: Variable; writable: boolean }) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-800">
      <input
        type="checkbox"
        name="allowScopeOverride"
        defaultChecked={variable.allowScopeOverride}
        disabled={!writable}
      />{" "}
      Allow a scope override per instance
    </label>
  );
}

/** Where CONNECT sends the user after authorizing, instead of Latchkey's own page. */
export function RedirectUrlOptions({
  variable,
  writable,
  fieldErrors,
}: {
  variable: Variable;
  writable: boolean;
  fieldErrors: FieldErrors;
}) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <TextField
        label="Success redirect URL (optional)"
        name="successRedirectUrl"
        type="url"
        defaultValue={variable.successRedirectUrl ?? ""}
        disabled={!writable}
        error={fieldErrors["patch.successRedirectUrl"] ?? fieldErrors.successRedirectUrl}
        hint="Instead of Latchkey's own page after CONNECT."
      />
      <TextField
        label="Failure redirect URL (optional)"
        name="failureRedirectUrl"
        type="url"
        defaultValue={variable.failureRedirectUrl ?? ""}
        disabled={!writable}
        error={fieldErrors["patch.failureRedirectUrl"] ?? fieldErrors.failureRedirectUrl}
      />
    </div>
  );
}
