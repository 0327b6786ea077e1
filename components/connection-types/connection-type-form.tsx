"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createConnectionTypeAction } from "@/app/(app)/components/actions";
import { HeaderEditor, type HeaderRow } from "@/components/credentials/header-editor";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import type { ConnectionKind } from "@/lib/connection-types/definition";
import { FieldRowsEditor, type FieldRow } from "./field-rows-editor";
import { kindLabels } from "./connection-type-table";

const row = (key: string, label: string, extra: Partial<FieldRow> = {}): FieldRow => ({
  key,
  label,
  type: "string",
  required: true,
  secret: false,
  default: "",
  placeholder: "",
  ...extra,
});

// The well-known keys of API.md; their labels can be renamed (such as "App key" for client_id).
const oauthRows = (kind: ConnectionKind): FieldRow[] => [
  row("client_id", "Client ID"),
  row("client_secret", "Client secret", { type: "password", secret: true }),
  ...(kind === "oauth2" ? [row("auth_uri", "Authorization URL", { type: "url" })] : []),
  row("token_uri", "Token URL", { type: "url" }),
  row("scopes", "Scopes", { required: false }),
  row("revoke_uri", "Revocation URL", { type: "url", required: false }),
];

const authTypes = {
  none: "None",
  basic: "HTTP basic",
  header: "API key in a header",
  query: "API key in the query",
  bearer: "Bearer token",
} as const;
type AuthType = keyof typeof authTypes;

function lines(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const at = l.indexOf("=");
        return at < 0 ? [l, ""] : [l.slice(0, at).trim(), l.slice(at + 1).trim()];
      }),
  );
}
const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** Declares a custom connection type: its fields, OAuth settings and optional test request. */
export function ConnectionTypeForm() {
  const router = useRouter();
  const [kind, setKind] = useState<ConnectionKind>("fields");
  const [fields, setFields] = useState<FieldRow[]>([row("api_key", "API key", { type: "password", secret: true })]);
  const [headers, setHeaders] = useState<HeaderRow[]>([]);
  const [authType, setAuthType] = useState<AuthType>("none");
  const create = useActionMutation(createConnectionTypeAction, {
    success: (d) => `Added ${d.label}`,
    onSuccess: (d) => router.push(`/components/${d.key}`),
  });
  const e = create.fieldErrors;
  const fieldKeys = fields.map((f) => f.key).filter(Boolean);

  function changeKind(next: ConnectionKind) {
    setKind(next);
    if (next !== "fields") setFields(oauthRows(next));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const get = (name: string) => String(form.get(name) ?? "").trim();
    const testUrl = get("testUrl");
    const auth = (() => {
      switch (authType) {
        case "none":
          return { type: "none" as const };
        case "basic":
          return {
            type: "basic" as const,
            usernameField: get("authUsernameField"),
            passwordField: get("authPasswordField"),
          };
        case "header":
          return {
            type: "header" as const,
            name: get("authName"),
            valueField: get("authValueField"),
            prefix: get("authPrefix") || undefined,
          };
        case "query":
          return { type: "query" as const, name: get("authName"), valueField: get("authValueField") };
        case "bearer":
          return { type: "bearer" as const, tokenField: get("authTokenField") || undefined };
      }
    })();
    create.mutate({
      key: get("key"),
      label: get("label"),
      description: get("description"),
      kind,
      docsUrl: get("docsUrl") || undefined,
      fields: fields.map((f) => ({
        key: f.key.trim(),
        label: f.label,
        type: f.type,
        required: f.required,
        secret: f.secret,
        default: f.secret || f.default === "" ? undefined : f.default,
        placeholder: f.placeholder || undefined,
      })),
      oauth:
        kind === "fields"
          ? undefined
          : {
              pkce: form.get("pkce") === "on",
              tokenAuthMethod: get("tokenAuthMethod") as "client_secret_basic" | "client_secret_post",
              scopeSeparator: String(form.get("scopeSeparator") ?? " ") || " ",
              authorizeParams: lines(String(form.get("authorizeParams") ?? "")),
              headers,
              accessTokenPath: get("accessTokenPath") || undefined,
              keepTokenFields: list(get("keepTokenFields")),
              keepCallbackParams: list(get("keepCallbackParams")),
            },
      test: testUrl ? { url: testUrl, method: get("testMethod") as "GET" | "POST" | "HEAD", auth } : undefined,
    });
  }

  const fieldSelect = (name: string, label: string) => (
    <SelectField
      label={label}
      name={name}
      error={e[`test.auth.${name.replace(/^auth(.)/, (_, c: string) => c.toLowerCase())}`]}
    >
      {fieldKeys.map((k) => (
        <option key={k} value={k}>
          {k}
        </option>
      ))}
    </SelectField>
  );

  return (
    <form onSubmit={onSubmit} className="max-w-3xl space-y-8" noValidate>
      <section className="space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Name" name="label" required placeholder="Acme CRM" error={e.label} autoComplete="off" />
          <TextField
            label="Key"
            name="key"
            required
            placeholder="acme_crm"
            error={e.key}
            hint="Lower case letters, digits and underscores; integrations refer to the type by it."
            autoComplete="off"
          />
        </div>
        <TextField label="Description (optional)" name="description" error={e.description} autoComplete="off" />
        <SelectField
          label="Authorization"
          value={kind}
          onChange={(ev) => changeKind(ev.target.value as ConnectionKind)}
          error={e.kind}
          hint={
            kind === "fields"
              ? "The customer enters values such as an API key."
              : "The OAuth fields below use the well-known keys; rename their labels as the provider does."
          }
        >
          {(Object.keys(kindLabels) as ConnectionKind[]).map((k) => (
            <option key={k} value={k}>
              {kindLabels[k]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Documentation URL (optional)"
          name="docsUrl"
          type="url"
          error={e.docsUrl}
          placeholder="https://developer.acme.example/docs"
        />
      </section>
      <section className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <FieldRowsEditor rows={fields} onChange={setFields} errors={e} />
      </section>
      {kind !== "fields" ? (
        <section className="space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <h2 className="text-base font-semibold text-slate-900">OAuth settings</h2>
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" name="pkce" defaultChecked /> Use PKCE (S256)
          </label>
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              label="Token request authentication"
              name="tokenAuthMethod"
              defaultValue="client_secret_basic"
              error={e["oauth.tokenAuthMethod"]}
            >
              <option value="client_secret_basic">client_secret_basic (HTTP basic header)</option>
              <option value="client_secret_post">client_secret_post (in the form body)</option>
            </SelectField>
            <TextField
              label="Scope separator"
              name="scopeSeparator"
              defaultValue=" "
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
              placeholder={"access_type=offline\nprompt=consent"}
              className="block w-full rounded-md px-3 py-2 font-mono text-xs ring-1 ring-slate-300"
            />
            <p className="text-xs text-slate-500">One name=value per line.</p>
          </div>
          <HeaderEditor
            rows={headers}
            onChange={setHeaders}
            errors={Object.fromEntries(Object.entries(e).map(([k, v]) => [k.replace(/^oauth\./, ""), v]))}
          />
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField
              label="Access token path (optional)"
              name="accessTokenPath"
              placeholder="authed_user.access_token"
              error={e["oauth.accessTokenPath"]}
            />
            <TextField
              label="Token fields to keep (optional)"
              name="keepTokenFields"
              placeholder="instance_url"
              hint="Comma separated."
            />
            <TextField
              label="Callback parameters to keep (optional)"
              name="keepCallbackParams"
              placeholder="realmId"
              hint="Comma separated."
            />
          </div>
        </section>
      ) : null}
      <section className="space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <h2 className="text-base font-semibold text-slate-900">Test request (optional)</h2>
        <p className="text-sm text-slate-600">
          Test connection sends it with the credential applied; a 2xx answer turns the connection green.
        </p>
        <div className="grid gap-4 sm:grid-cols-[8rem_1fr]">
          <SelectField label="Method" name="testMethod" defaultValue="GET">
            <option>GET</option>
            <option>POST</option>
            <option>HEAD</option>
          </SelectField>
          <TextField
            label="URL"
            name="testUrl"
            placeholder="https://api.acme.example/v1/me"
            error={e["test.url"]}
            hint="May use {{field_key}} placeholders."
            autoComplete="off"
          />
        </div>
        <SelectField
          label="Credential applied as"
          value={authType}
          onChange={(ev) => setAuthType(ev.target.value as AuthType)}
          error={e["test.auth"]}
        >
          {(Object.keys(authTypes) as AuthType[]).map((k) => (
            <option key={k} value={k}>
              {authTypes[k]}
            </option>
          ))}
        </SelectField>
        {authType === "basic" ? (
          <div className="grid gap-4 sm:grid-cols-2">
            {fieldSelect("authUsernameField", "Username field")}
            {fieldSelect("authPasswordField", "Password field")}
          </div>
        ) : null}
        {authType === "header" || authType === "query" ? (
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField
              label={authType === "header" ? "Header name" : "Parameter name"}
              name="authName"
              placeholder={authType === "header" ? "X-Api-Key" : "api_key"}
              error={e["test.auth.name"]}
            />
            {fieldSelect("authValueField", "Value field")}
            {authType === "header" ? (
              <TextField label="Prefix (optional)" name="authPrefix" placeholder="Token " />
            ) : null}
          </div>
        ) : null}
        {authType === "bearer" && kind === "fields" ? fieldSelect("authTokenField", "Token field") : null}
      </section>
      <div className="flex justify-end gap-3">
        <Button variant="secondary" onClick={() => router.push("/components")}>
          Cancel
        </Button>
        <Button type="submit" pending={create.isPending}>
          Save connection type
        </Button>
      </div>
    </form>
  );
}
