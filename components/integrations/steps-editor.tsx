"use client";

import { useState, type FormEvent } from "react";
import { addStepAction, removeStepAction } from "@/app/(app)/integrations/actions";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import type { IntegrationDto } from "@/lib/integrations/schemas";
import type { DesignerAction } from "./designer-types";

const NEW = "__new__";

/** The steps in order; adding one whose action needs a connection binds it to an existing one or a new one. */
export function StepsEditor({
  integration,
  actions,
  writable,
}: {
  integration: IntegrationDto;
  actions: DesignerAction[];
  writable: boolean;
}) {
  const [actionKey, setActionKey] = useState(actions[0]?.key ?? "");
  const [formKey, setFormKey] = useState(0);
  const add = useActionMutation(addStepAction, {
    success: (d) => (d.connection ? `Added ${d.name}, using connection ${d.connection}` : `Added ${d.name}`),
    onSuccess: () => setFormKey((k) => k + 1),
  });
  const remove = useActionMutation(removeStepAction, { success: "Step removed" });
  const action = actions.find((a) => a.key === actionKey);
  const candidates = action?.connectionType
    ? integration.configVariables.filter((v) => v.connectionType === action.connectionType)
    : [];
  const e = Object.fromEntries(Object.entries(add.fieldErrors).map(([k, v]) => [k.replace(/^step\./, ""), v]));
  const labelOf = (key: string) => actions.find((a) => a.key === key)?.label ?? key;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const connection = String(form.get("connection") ?? "");
    add.mutate({
      integrationId: integration.id,
      step: {
        name: String(form.get("name") ?? ""),
        action: actionKey,
        connection: action?.connectionType && connection !== NEW ? connection : null,
      },
    });
  }

  return (
    <div className="space-y-4">
      {integration.steps.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-sm text-slate-600">
          No steps yet.
        </p>
      ) : (
        <ol aria-label="Steps" className="divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200">
          {integration.steps.map((s, i) => (
            <li key={s.id} className="flex items-start justify-between gap-3 px-4 py-3">
              <div className="min-w-0">
                <p className="text-sm font-medium text-slate-900">
                  {i + 1}. {s.name}
                </p>
                <p className="text-xs text-slate-500">{labelOf(s.action)}</p>
                {s.connection ? (
                  <p className="text-xs text-slate-600">
                    Connection: {integration.configVariables.find((v) => v.key === s.connection)?.label ?? s.connection}
                  </p>
                ) : null}
              </div>
              {writable ? (
                <Button
                  variant="ghost"
                  aria-label={`Remove step ${s.name}`}
                  pending={remove.isPending && remove.variables?.stepId === s.id}
                  onClick={() => remove.mutate({ integrationId: integration.id, stepId: s.id })}
                >
                  Remove
                </Button>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {writable ? (
        <form
          key={formKey}
          onSubmit={onSubmit}
          className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200"
          aria-label="Add a step"
          noValidate
        >
          <h3 className="text-sm font-semibold text-slate-900">+ Step</h3>
          <TextField label="Step name" name="name" placeholder="Upload the report" error={e.name} autoComplete="off" />
          <SelectField
            label="Action"
            value={actionKey}
            onChange={(ev) => setActionKey(ev.target.value)}
            error={e.action}
          >
            {actions.map((a) => (
              <option key={a.key} value={a.key}>
                {a.label}
              </option>
            ))}
          </SelectField>
          {action?.connectionType ? (
            <SelectField
              key={`${actionKey}:${candidates.map((v) => v.key).join(",")}`}
              label="Connection"
              name="connection"
              defaultValue={candidates[0]?.key ?? NEW}
              error={e.connection}
              hint="Steps that use the same connection share one credential per instance."
            >
              {candidates.map((v) => (
                <option key={v.key} value={v.key}>
                  {v.label} ({v.key})
                </option>
              ))}
              <option value={NEW}>A new connection</option>
            </SelectField>
          ) : null}
          <div className="flex justify-end">
            <Button type="submit" variant="secondary" pending={add.isPending}>
              Add step
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
