"use client";

import { HeaderEditor, type HeaderRow } from "@/components/credentials/header-editor";
import { SelectField, TextField } from "@/components/ui/field";
import type { OAuthSettings } from "@/lib/connection-types/definition";
import { paramLines } from "./connection-type-input";
import { OAuthQuirksSection } from "./oauth-quirks-section";

type Props = {
  headers: HeaderRow[];
  onHeadersChange: (rows: HeaderRow[]) => void;
  errors: Record<string, string>;
  /** The saved settings when a type is edited, so that what was saved shows again. */
  initial?: OAuthSettings;
};

/** The OAuth settings of a new connection type: PKCE, client authentication, scopes, quirks. */
export function OAuthSettingsSection({ headers, onHeadersChange, errors: e, initial }: Props) {
  return (
    <section className="space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 className="text-base font-semibold text-slate-900">OAuth settings</h2>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" name="pkce" defaultChecked={initial?.pkce ?? true} /> Use PKCE (S256)
      </label>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Token request authentication"
          name="tokenAuthMethod"
          defaultValue={initial?.tokenAuthMethod ?? "client_secret_basic"}
          error={e["oauth.tokenAuthMethod"]}
        >
          <option value="client_secret_basic">client_secret_basic (HTTP basic header)</option>
          <option value="client_secret_post">client_secret_post (in the form body)</option>
          <option value="none">none (a public client: no secret)</option>
          <option value="private_key_jwt">private_key_jwt (signed with the private_key field)</option>
        </SelectField>
        <TextField
          label="Scope separator"
          name="scopeSeparator"
          defaultValue={initial?.scopeSeparator ?? " "}
          error={e["oauth.scopeSeparator"]}
          hint="A space unless the provider wants a comma."
        />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="authorizeParams" className="block text-sm font-medium text-slate-800">
          Extra authorization parameters (optional)
        </label>
        <textarea
          id="authorizeParams"
          name="authorizeParams"
          rows={3}
          defaultValue={paramLines(initial?.authorizeParams)}
          placeholder={"access_type=offline\nprompt=consent"}
          className="block w-full rounded-md px-3 py-2 font-mono text-xs ring-1 ring-slate-300"
        />
        <p className="text-xs text-slate-500">One name=value per line.</p>
      </div>
      <HeaderEditor
        rows={headers}
        onChange={onHeadersChange}
        errors={Object.fromEntries(Object.entries(e).map(([k, v]) => [k.replace(/^oauth\./, ""), v]))}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          label="Access token path (optional)"
          name="accessTokenPath"
          placeholder="authed_user.access_token"
          defaultValue={initial?.accessTokenPath ?? ""}
          error={e["oauth.accessTokenPath"]}
        />
        <TextField
          label="Token fields to keep (optional)"
          name="keepTokenFields"
          placeholder="instance_url"
          defaultValue={initial?.keepTokenFields.join(", ") ?? ""}
          hint="Comma separated."
        />
        <TextField
          label="Callback parameters to keep (optional)"
          name="keepCallbackParams"
          placeholder="realmId"
          defaultValue={initial?.keepCallbackParams.join(", ") ?? ""}
          hint="Comma separated."
        />
      </div>
      <OAuthQuirksSection errors={e} initial={initial} />
    </section>
  );
}
