"use client";

import type { ReactNode } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import type { ProxyAuth } from "@/lib/connection-types/definition";
import type { ProxyAuthType } from "./proxy-input";

type Props = {
  authType: ProxyAuthType;
  fieldKeys: string[];
  holdsTokens: boolean;
  errors: Record<string, string>;
  initial?: ProxyAuth;
};

/** The inputs each proxy auth form needs; names are `proxyAuth<Prop>`, errors answer at `proxy.auth.<prop>`. */
export function ProxyAuthInputs({ authType, fieldKeys, holdsTokens, errors, initial }: Props) {
  // What was saved, when the saved form is the one shown (a switch of form starts blank).
  const saved = (prop: string): string | undefined => {
    if (initial?.type !== authType) return undefined;
    const value = (initial as Record<string, unknown>)[prop];
    return typeof value === "string" ? value : undefined;
  };
  const text = (prop: string, label: string, placeholder?: string, hint?: string) => (
    <TextField
      label={label}
      name={inputName(prop)}
      defaultValue={saved(prop) ?? ""}
      placeholder={placeholder}
      error={errors[`proxy.auth.${prop}`]}
      hint={hint}
      autoComplete="off"
    />
  );
  // blank: what an empty choice means (the access token, the default field), or undefined when a field is required.
  const field = (prop: string, label: string, o: { blank?: string; fallback?: string } = {}) => (
    <SelectField
      label={label}
      name={inputName(prop)}
      defaultValue={saved(prop) ?? (o.fallback && fieldKeys.includes(o.fallback) ? o.fallback : "")}
      error={errors[`proxy.auth.${prop}`]}
    >
      {o.blank !== undefined ? <option value="">{o.blank}</option> : null}
      {fieldKeys.map((k) => (
        <option key={k} value={k}>
          {k}
        </option>
      ))}
    </SelectField>
  );
  const grid = (children: ReactNode) => <div className="grid gap-4 sm:grid-cols-2">{children}</div>;
  switch (authType) {
    case "default":
    case "none":
      return null;
    case "bearer":
      return holdsTokens
        ? grid(field("tokenField", "Proxy bearer token field", { blank: "The access token" }))
        : grid(field("tokenField", "Proxy bearer token field"));
    case "basic":
      return grid(
        <>
          {field("usernameField", "Proxy username field")}
          {field("passwordField", "Proxy password field")}
        </>,
      );
    case "header":
      return grid(
        <>
          {text("name", "Proxy header name", "X-Api-Key")}
          {field("valueField", "Proxy header value field", holdsTokens ? { blank: "The access token" } : {})}
          {text("prefix", "Proxy header prefix (optional)", "Token ", "Put before the value.")}
        </>,
      );
    case "query":
      return grid(
        <>
          {text("name", "Proxy query parameter name", "api_key")}
          {field("valueField", "Proxy query parameter value field")}
        </>,
      );
    case "aws_sigv4":
      return grid(
        <>
          {text("service", "AWS service", "s3")}
          {field("regionField", "AWS region field", { fallback: "region" })}
          {field("accessKeyField", "AWS access key field", { fallback: "access_key_id" })}
          {field("secretKeyField", "AWS secret key field", { fallback: "secret_access_key" })}
        </>,
      );
    case "tableau_pat":
      return grid(
        <>
          {text("version", "Tableau REST API version", "3.24")}
          {field("hostField", "Tableau host field", { fallback: "host_name" })}
          {field("siteField", "Tableau site field", { fallback: "site_id" })}
          {field("tokenNameField", "Tableau token name field", { fallback: "token_name" })}
          {field("tokenField", "Tableau token field", { fallback: "token" })}
        </>,
      );
  }
}

/** The form input name of an auth property: tokenField → proxyAuthTokenField. */
export const inputName = (prop: string) => `proxyAuth${prop[0]!.toUpperCase()}${prop.slice(1)}`;
