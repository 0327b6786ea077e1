"use client";

import { SelectField, TextField } from "@/components/ui/field";
import { authTypes, type AuthType } from "./connection-type-input";

type Props = {
  authType: AuthType;
  onAuthTypeChange: (next: AuthType) => void;
  /** The keys of the type's fields, to pick which one the request presents. */
  fieldKeys: string[];
  /** The kind holds an access token, which a bearer request presents (no token field to pick). */
  holdsTokens: boolean;
  errors: Record<string, string>;
};

/** The optional test request of a new connection type, and how it presents the credential. */
export function TestRequestSection({ authType, onAuthTypeChange, fieldKeys, holdsTokens, errors: e }: Props) {
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
        onChange={(ev) => onAuthTypeChange(ev.target.value as AuthType)}
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
      {authType === "bearer" && !holdsTokens ? fieldSelect("authTokenField", "Token field") : null}
    </section>
  );
}
