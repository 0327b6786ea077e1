"use client";

import { useState, type FormEvent } from "react";
import { own } from "@/lib/validation/own";
import { removeConfigVariableAction, updateConfigVariableAction } from "@/app/(app)/integrations/actions";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import { fieldsNeedingDefault } from "@/lib/integrations/default-visibility";
import type { DesignerType } from "./designer-types";
import type { Variable, Visibility } from "./config-variable-types";

/** The card's state: the chosen visibilities, the fields still needing a default, save and remove. */
export function useConfigVariableForm(integrationId: string, variable: Variable, type: DesignerType | undefined) {
  const [visibility, setVisibility] = useState<Record<string, Visibility>>(() =>
    Object.fromEntries(Object.entries(variable.fields).map(([k, s]) => [k, s.visibility])),
  );
  const save = useActionMutation(updateConfigVariableAction, { success: `Saved ${variable.label}` });
  const remove = useActionMutation(removeConfigVariableAction, { success: `Removed ${variable.label}` });
  const oauth = !!type?.authorizes;
  const needDefault = fieldsNeedingDefault(type?.fields ?? [], (k) => {
    const v = own(visibility, k);
    return v ? { visibility: v, hasDefault: !!own(variable.fields, k)?.hasDefault } : undefined;
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!type) return;
    const form = new FormData(event.currentTarget);
    save.mutate({ integrationId, key: variable.key, patch: patchOf(form, type, visibility, oauth) });
  }

  return {
    visibility,
    setFieldVisibility: (key: string, value: Visibility) => setVisibility({ ...visibility, [key]: value }),
    fieldError: (k: string) => save.fieldErrors[`fields.${k}`] ?? save.fieldErrors[`patch.fields.${k}.default`],
    needDefault,
    oauth,
    save,
    onSubmit,
    onRemove: () => remove.mutate({ integrationId, key: variable.key }),
    removing: remove.isPending,
  };
}

/** The update the submitted form asks for. */
function patchOf(form: FormData, type: DesignerType, visibility: Record<string, Visibility>, oauth: boolean) {
  const fields = Object.fromEntries(
    type.fields.map((f) => {
      const value = String(form.get(`default.${f.key}`) ?? "");
      // A blank secret keeps the stored default; a blank plain value clears it.
      const def = f.secret ? (value === "" ? undefined : value) : value === "" ? null : value;
      return [f.key, { visibility: own(visibility, f.key) ?? "customer", default: def }];
    }),
  );
  return {
    label: String(form.get("label") ?? ""),
    fields,
    allowScopeOverride: form.get("allowScopeOverride") === "on",
    ...(oauth
      ? {
          successRedirectUrl: String(form.get("successRedirectUrl") ?? "").trim() || null,
          failureRedirectUrl: String(form.get("failureRedirectUrl") ?? "").trim() || null,
        }
      : {}),
  };
}
