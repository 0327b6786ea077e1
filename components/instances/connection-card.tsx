"use client";

import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { notify } from "@/components/ui/notify";
import { setConnectionAction, testConnectionAction } from "@/app/(app)/instances/actions";
import { StatusBadge } from "@/components/connections/status-badge";
import { readCleared, readValues } from "@/components/credentials/credential-fields";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { formHasChanges } from "@/components/ui/form-changes";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import type { WizardConnection } from "@/lib/instances/connections";
import { ConnectionLogButton } from "./connection-log-dialog";
import { OAuthPanel } from "./oauth-panel";
import { WizardFields } from "./wizard-fields";
import { useWizard } from "./wizard-save";

type Mode = "values" | "existing";

/**
 * One connection of the configuration wizard: its status, its fields (or an existing credential),
 * Test connection and its log. `preview` draws it as a customer will see it, inert.
 */
export function ConnectionCard({
  instanceId,
  connection,
  writable,
  preview = false,
  canSendLink = false,
  oauthPanel,
}: {
  instanceId?: string;
  connection: WizardConnection;
  writable: boolean;
  preview?: boolean;
  canSendLink?: boolean;
  oauthPanel?: ReactNode;
}) {
  const [mode, setMode] = useState<Mode>(connection.borrowed ? "existing" : "values");
  const [formKey, setFormKey] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const wizard = useWizard();
  const { key } = connection;
  // Inside the wizard its one Save says the outcome for every card; a card on its own says it here.
  const save = useActionMutation(setConnectionAction, {
    ...(wizard ? {} : { success: `Saved ${connection.label}` }),
    onSuccess: () => {
      setFormKey((k) => k + 1);
      wizard?.setChanged(key, false);
    },
  });
  const test = useActionMutation(testConnectionAction, {
    onSuccess: (r) => (r.ok ? notify.success(`Test passed: ${r.message}`) : notify.error(`Test failed: ${r.message}`)),
  });
  const e = Object.fromEntries(Object.entries(save.fieldErrors).map(([k, v]) => [k.replace(/^input\./, ""), v]));
  const disabled = preview || !writable;

  /** Saves what the card's form holds; true when saved (a refusal is shown at its fields). */
  async function saveCard(): Promise<boolean> {
    if (!instanceId || preview || !form.current) return false;
    const data = new FormData(form.current);
    const scopes = connection.allowScopeOverride ? String(data.get("scopes") ?? "").trim() || null : undefined;
    const input =
      mode === "existing"
        ? { credentialId: String(data.get("credentialId") ?? ""), scopes }
        : { values: readValues(data), clear: readCleared(data, connection.fields), scopes };
    return save.mutateAsync({ instanceId, key, input }).then(
      () => true,
      () => false,
    );
  }
  // The wizard calls the latest saveCard: the card's mode and form as they are when Save is pressed.
  const latestSave = useRef(saveCard);
  useEffect(() => {
    latestSave.current = saveCard;
  });
  const configured = !!connection.credentialId;
  useEffect(
    () => wizard?.register(key, { label: connection.label, configured, save: () => latestSave.current() }),
    [wizard, key, connection.label, configured],
  );
  // Switching between values and an existing credential changes what is saved.
  useEffect(() => {
    if (wizard && form.current) wizard.setChanged(key, formHasChanges(form.current));
  }, [wizard, key, mode]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Enter in a field saves like the page's Save.
    if (wizard) void wizard.saveAll();
    else void saveCard();
  }

  const headingId = `connection-${connection.key}`;
  return (
    <article
      aria-labelledby={headingId}
      className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
      data-connection={connection.key}
    >
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
        <div className="min-w-0">
          <h2 id={headingId} className="font-semibold text-slate-900">
            {connection.label}
          </h2>
          <p className="text-xs text-slate-500">{connection.connectionType.label}</p>
          <div className="mt-2">
            <StatusBadge status={connection.status} reason={connection.statusReason} />
          </div>
        </div>
        {!preview && instanceId ? (
          <div className="flex gap-2">
            {connection.testable && writable ? (
              <Button
                variant="secondary"
                pending={test.isPending}
                disabled={!connection.credentialId}
                title={connection.credentialId ? undefined : "Save the connection first"}
                onClick={() => test.mutate({ instanceId, key: connection.key })}
              >
                Test connection
              </Button>
            ) : null}
            <ConnectionLogButton instanceId={instanceId} connectionKey={connection.key} label={connection.label} />
          </div>
        ) : null}
      </header>
      {connection.connectionType.traits.holdsTokens && instanceId && !preview ? (
        <div className="px-5 pt-4">
          {/* Embedded screens bring their own: CONNECT cannot navigate a partner's iframe to a provider. */}
          {oauthPanel ?? (
            <OAuthPanel instanceId={instanceId} connection={connection} writable={writable} canSendLink={canSendLink} />
          )}
        </div>
      ) : null}
      <form
        key={formKey}
        ref={form}
        onSubmit={onSubmit}
        onInput={(event) => wizard?.setChanged(key, formHasChanges(event.currentTarget))}
        className="space-y-4 px-5 py-4"
        noValidate
        aria-label={`Configure ${connection.label}`}
      >
        {connection.connectionType.description ? (
          <p className="text-sm text-slate-600">{connection.connectionType.description}</p>
        ) : null}
        {connection.connectionType.traits.authorizes && preview ? (
          <p className="text-sm text-slate-700">
            The customer presses CONNECT here to sign in to {connection.connectionType.label} and consent.
          </p>
        ) : null}
        {connection.candidates.length > 0 && !preview ? (
          <fieldset className="flex flex-wrap gap-4 text-sm text-slate-800">
            <legend className="sr-only">How to configure {connection.label}</legend>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="mode"
                checked={mode === "values"}
                onChange={() => setMode("values")}
                disabled={disabled}
              />{" "}
              Enter values
            </label>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="mode"
                checked={mode === "existing"}
                onChange={() => setMode("existing")}
                disabled={disabled}
              />{" "}
              Use an existing credential
            </label>
          </fieldset>
        ) : null}
        {mode === "existing" ? (
          <SelectField
            label="Credential"
            name="credentialId"
            defaultValue={connection.credentialId ?? undefined}
            error={e.credentialId}
            disabled={disabled}
          >
            {connection.candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label} ({c.owner === "organization" ? "organization" : "your company"})
              </option>
            ))}
          </SelectField>
        ) : connection.fields.length > 0 ? (
          <WizardFields fields={connection.fields} errors={e} disabled={disabled} />
        ) : (
          <p className="text-sm text-slate-600">Nothing to fill in here: the organization sets this connection up.</p>
        )}
        {connection.allowScopeOverride ? (
          <TextField
            label="Scopes (optional)"
            name="scopes"
            defaultValue={connection.scopes ?? ""}
            error={e.scopes}
            disabled={disabled}
            hint="Overrides the connection type's default scopes for this instance."
          />
        ) : null}
        {!preview && writable && !wizard ? (
          <div className="flex justify-end">
            <Button type="submit" pending={save.isPending}>
              Save {connection.label}
            </Button>
          </div>
        ) : null}
        {/* Enter in a field submits (implicit submission needs a submit button once a form has two inputs); the page's Save is the visible one. */}
        {!preview && writable && wizard ? <button type="submit" hidden tabIndex={-1} /> : null}
      </form>
    </article>
  );
}
