"use client";

import { Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { ProxySettings } from "@/lib/connection-types/definition";
import { ProxyAuthInputs } from "./proxy-auth-inputs";
import { proxyAuthTypes, type BaseUrlRow, type ProxyAuthType } from "./proxy-input";

type Props = {
  rows: BaseUrlRow[];
  onRowsChange: (rows: BaseUrlRow[]) => void;
  authType: ProxyAuthType;
  onAuthTypeChange: (next: ProxyAuthType) => void;
  /** The keys of the type's fields, to pick which one carries a value. */
  fieldKeys: string[];
  holdsTokens: boolean;
  errors: Record<string, string>;
  /** The saved proxy when a type is edited. */
  initial?: ProxySettings;
};

/** The first error at `proxy.<name>` or below it (a named base URL answers at `proxy.baseUrl.<name>`). */
export function proxyErrorAt(errors: Record<string, string>, name: string): string | undefined {
  const prefix = `proxy.${name}`;
  return Object.entries(errors).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];
}

/**
 * The proxy of API.md: where `/proxy/{path}` goes and how the credential is applied there. Closed
 * until the integrator opens it, or the server refuses one of its settings, so that the error shows.
 */
export function ProxySettingsSection(props: Props) {
  const { rows, onRowsChange, errors, initial } = props;
  const e = (name: string) => proxyErrorAt(errors, name);
  const [open, setOpen] = useState(!!initial);
  const refused = Object.keys(errors)
    .filter((k) => k === "proxy" || k.startsWith("proxy."))
    .join();
  const [shownFor, setShownFor] = useState("");
  if (refused !== shownFor) {
    setShownFor(refused);
    if (refused) setOpen(true);
  }
  const setRow = (i: number, patch: Partial<BaseUrlRow>) =>
    onRowsChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const single = typeof initial?.baseUrl === "string" ? initial.baseUrl : "";
  return (
    <details
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
    >
      <summary className="cursor-pointer px-5 py-3 text-base font-semibold text-slate-900">Proxy (optional)</summary>
      <div className="space-y-4 border-t border-slate-200 p-5">
        <p className="text-sm text-slate-600">
          Integration code calls the connection&apos;s API through Latchkey, which applies the credential: the code
          never holds the secret.
        </p>
        {rows.length === 0 ? (
          <TextField
            label="Proxy base URL"
            name="proxyBaseUrl"
            defaultValue={single}
            placeholder="https://{{subdomain}}.example.com/api/v2"
            error={e("baseUrl")}
            hint="May use {{field}} from non-secret fields or kept token metadata. Blank: no proxy."
            autoComplete="off"
          />
        ) : null}
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">Named base URLs (optional)</legend>
          <p className="text-xs text-slate-500">
            For APIs on more than one host: the first segment of the path picks one (…/proxy/content/files).
          </p>
          {rows.length > 0 && e("baseUrl") && !rows.some((r) => e(`baseUrl.${r.name.trim()}`)) ? (
            <p className="text-xs font-medium text-red-600">{e("baseUrl")}</p>
          ) : null}
          {rows.map((row, i) => {
            const rowError = e(`baseUrl.${row.name.trim()}`);
            return (
              <div key={i} className="grid grid-cols-[10rem_1fr_auto] items-start gap-2">
                <input
                  aria-label={`Base URL ${i + 1} name`}
                  placeholder="content"
                  value={row.name}
                  onChange={(ev) => setRow(i, { name: ev.target.value })}
                  className="w-full rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300"
                />
                <div>
                  <input
                    aria-label={`Base URL ${i + 1} URL`}
                    placeholder="https://content.example.com"
                    value={row.url}
                    aria-invalid={rowError ? true : undefined}
                    onChange={(ev) => setRow(i, { url: ev.target.value })}
                    className="w-full rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300"
                  />
                  {rowError ? <p className="text-xs font-medium text-red-600">{rowError}</p> : null}
                </div>
                <Button
                  variant="ghost"
                  aria-label={`Remove base URL ${i + 1}`}
                  onClick={() => onRowsChange(rows.filter((_, j) => j !== i))}
                >
                  <Trash2 className="size-4" aria-hidden />
                </Button>
              </div>
            );
          })}
          <Button variant="secondary" onClick={() => onRowsChange([...rows, { name: "", url: "" }])}>
            + Base URL
          </Button>
        </fieldset>
        <SelectField
          label="Proxy credential applied as"
          value={props.authType}
          onChange={(ev) => props.onAuthTypeChange(ev.target.value as ProxyAuthType)}
          error={e("auth.type") ?? errors["proxy.auth"]}
        >
          {(Object.keys(proxyAuthTypes) as ProxyAuthType[]).map((k) => (
            <option key={k} value={k}>
              {proxyAuthTypes[k]}
            </option>
          ))}
        </SelectField>
        <ProxyAuthInputs
          authType={props.authType}
          fieldKeys={props.fieldKeys}
          holdsTokens={props.holdsTokens}
          errors={errors}
          initial={initial?.auth}
        />
        <ProxyLimits errors={errors} initial={initial} />
      </div>
    </details>
  );
}

/** Refresh-on statuses, retries, concurrency, rate limit and timeouts: blank keeps the default. */
function ProxyLimits({ errors, initial }: { errors: Record<string, string>; initial?: ProxySettings }) {
  const e = (name: string) => proxyErrorAt(errors, name);
  const num = (n: number | undefined) => (n === undefined ? "" : String(n));
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <TextField
        label="Refresh and retry once on"
        name="proxyRefreshOn"
        defaultValue={initial?.refreshOn.join(", ") ?? ""}
        placeholder="401"
        error={e("refreshOn")}
        hint="Answer statuses, comma separated. Blank: 401."
      />
      <TextField
        label="Retries"
        name="proxyRetries"
        inputMode="numeric"
        defaultValue={num(initial?.retries)}
        placeholder="2"
        error={e("retries")}
        hint="Of an idempotent call answered 429, 502, 503 or 504 (0 to 5)."
      />
      <TextField
        label="Concurrency"
        name="proxyConcurrency"
        inputMode="numeric"
        defaultValue={num(initial?.concurrency)}
        placeholder="10"
        error={e("concurrency")}
        hint="Calls in flight per connection (1 to 100)."
      />
      <TextField
        label="Rate limit per minute (optional)"
        name="proxyRateLimit"
        inputMode="numeric"
        defaultValue={num(initial?.rateLimit?.perMinute)}
        error={e("rateLimit")}
        hint="Calls per minute per connection; past it, 429. Blank: none."
      />
      <TextField
        label="Answer timeout (ms)"
        name="proxyAnswerMs"
        inputMode="numeric"
        defaultValue={num(initial?.timeouts.answerMs)}
        placeholder="30000"
        error={e("timeouts.answerMs") ?? e("timeouts")}
        hint="Until the API's status line (100 to 300,000)."
      />
      <TextField
        label="Total timeout (ms)"
        name="proxyTotalMs"
        inputMode="numeric"
        defaultValue={num(initial?.timeouts.totalMs)}
        placeholder="900000"
        error={e("timeouts.totalMs")}
        hint="Until the whole call is over (1,000 to 3,600,000)."
      />
    </div>
  );
}
