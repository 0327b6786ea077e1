"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { deleteConnectionTypeAction, updateConnectionTypeAction } from "@/app/(app)/components/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import type { HeaderRow } from "@/components/credentials/header-editor";
import type { ConnectionField, OAuthSettings, ProxySettings } from "@/lib/connection-types/definition";
import { fieldInputs, readOAuthSettings } from "./connection-type-input";
import { FieldRowsEditor, type FieldRow } from "./field-rows-editor";
import { OAuthSettingsSection } from "./oauth-settings-section";
import {
  baseUrlRows,
  editedProxy,
  proxyAuthTypeOf,
  readProxySettings,
  type BaseUrlRow,
  type ProxyAuthType,
} from "./proxy-input";
import { ProxySettingsSection } from "./proxy-settings-section";

type Props = {
  typeKey: string;
  label: string;
  description: string;
  docsUrl: string | undefined;
  fields: ConnectionField[];
  /** The saved OAuth settings of a type that holds tokens. */
  oauth?: OAuthSettings;
  /** The saved proxy, if the type has one. */
  proxy?: ProxySettings;
  /** The kind holds an access token (the proxy's header and bearer forms can carry it). */
  holdsTokens: boolean;
};

const toRow = (f: ConnectionField): FieldRow => ({
  key: f.key,
  label: f.label,
  type: f.type,
  required: f.required,
  secret: f.secret,
  default: f.default ?? "",
  placeholder: f.placeholder ?? "",
  pattern: f.pattern ?? "",
  patternMessage: f.patternMessage ?? "",
});

/**
 * Edit (name, description, documentation, fields, OAuth settings and proxy) or delete a custom
 * connection type. The test request changes through the API. A type in use is not deleted: the
 * refusal names the integrations that use it, inside the dialog.
 */
export function ConnectionTypeActions({
  typeKey,
  label,
  description,
  docsUrl,
  fields,
  oauth,
  proxy,
  holdsTokens,
}: Props) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [rows, setRows] = useState<FieldRow[]>(() => fields.map(toRow));
  const [headers, setHeaders] = useState<HeaderRow[]>(() => oauth?.headers ?? []);
  const [proxyRows, setProxyRows] = useState<BaseUrlRow[]>(() => baseUrlRows(proxy));
  const [proxyAuthType, setProxyAuthType] = useState<ProxyAuthType>(() => proxyAuthTypeOf(proxy));
  const [refusal, setRefusal] = useState<string | null>(null);
  const update = useActionMutation(updateConnectionTypeAction, {
    success: "Connection type saved",
    onSuccess: () => setEditing(false),
  });
  const remove = useActionMutation(deleteConnectionTypeAction, {
    success: `Deleted ${label}`,
    onSuccess: () => router.push("/components"),
  });
  const e = Object.fromEntries(Object.entries(update.fieldErrors).map(([k, v]) => [k.replace(/^patch\./, ""), v]));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const get = (name: string) => String(form.get(name) ?? "").trim();
    update.mutate({
      key: typeKey,
      patch: {
        label: get("label"),
        description: get("description"),
        docsUrl: get("docsUrl") || null,
        fields: fieldInputs(rows),
        // The form shows every setting of the oauth block: what it leaves blank is removed.
        oauth: oauth ? { ...oauth, ...readOAuthSettings(form, get, headers) } : undefined,
        // Likewise the proxy: a blank base URL removes it.
        proxy: editedProxy(proxy, readProxySettings(get, proxyRows, proxyAuthType)) ?? null,
      },
    });
  }

  function onDelete() {
    setRefusal(null);
    remove.mutate({ key: typeKey }, { onError: (error) => setRefusal(error.message) });
  }

  return (
    <div className="mb-6 flex gap-2">
      <Button variant="secondary" onClick={() => setEditing(true)}>
        Edit
      </Button>
      <Button variant="danger" onClick={() => setDeleting(true)}>
        Delete
      </Button>
      <Dialog
        open={editing}
        onClose={() => setEditing(false)}
        title={`Edit ${label}`}
        description="Integrations that use this type see the change at once."
      >
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <TextField label="Name" name="label" defaultValue={label} error={e.label} autoComplete="off" />
          <TextField
            label="Description (optional)"
            name="description"
            defaultValue={description}
            error={e.description}
            autoComplete="off"
          />
          <TextField
            label="Documentation URL (optional)"
            name="docsUrl"
            type="url"
            defaultValue={docsUrl ?? ""}
            error={e.docsUrl}
          />
          <FieldRowsEditor rows={rows} onChange={setRows} errors={e} />
          {oauth ? (
            <OAuthSettingsSection headers={headers} onHeadersChange={setHeaders} errors={e} initial={oauth} />
          ) : null}
          <ProxySettingsSection
            rows={proxyRows}
            onRowsChange={setProxyRows}
            authType={proxyAuthType}
            onAuthTypeChange={setProxyAuthType}
            fieldKeys={rows.map((f) => f.key).filter(Boolean)}
            holdsTokens={holdsTokens}
            errors={e}
            initial={proxy}
          />
          <div className="flex justify-end gap-3 pt-2">
            <Button variant="secondary" onClick={() => setEditing(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={update.isPending}>
              Save
            </Button>
          </div>
        </form>
      </Dialog>
      <Dialog
        open={deleting}
        onClose={() => {
          setDeleting(false);
          setRefusal(null);
        }}
        title={`Delete ${label}?`}
        description="Integrations can no longer use it. This cannot be undone."
      >
        <div className="space-y-4">
          {refusal ? (
            <p role="status" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
              {refusal}
            </p>
          ) : null}
          <div className="flex justify-end gap-3">
            <Button
              variant="secondary"
              onClick={() => {
                setDeleting(false);
                setRefusal(null);
              }}
            >
              Cancel
            </Button>
            <Button variant="danger" pending={remove.isPending} onClick={onDelete}>
              Delete connection type
            </Button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}
