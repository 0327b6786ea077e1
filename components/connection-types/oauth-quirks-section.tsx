"use client";

import { useState } from "react";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import type { OAuthSettings } from "@/lib/connection-types/definition";
import { headerText, paramLines } from "./connection-type-input";

// The provider quirks of the oauth block (API.md): most providers need none of them, so they sit
// behind a disclosure that is closed until the integrator opens it or the server refuses one.
const QUIRKS = [
  "tokenRequestFormat",
  "tokenParams",
  "refreshParams",
  "refreshTokenPath",
  "expiresInPath",
  "expiresAtPath",
  "errorPath",
  "refreshTokenPolicy",
  "offlineAccess",
  "issuer",
  "postConnect",
] as const;

/** The first error at `oauth.<name>` or below it (a record's entries answer at `oauth.tokenParams.<key>`). */
function errorAt(errors: Record<string, string>, name: string): string | undefined {
  const prefix = `oauth.${name}`;
  return Object.entries(errors).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];
}

export function OAuthQuirksSection({ errors, initial }: { errors: Record<string, string>; initial?: OAuthSettings }) {
  const [open, setOpen] = useState(false);
  const e = (name: string) => errorAt(errors, name);
  // Opened when the server refuses a quirk, so that its error shows at its field; closable after.
  const refused = QUIRKS.filter((q) => e(q)).join();
  const [shownFor, setShownFor] = useState("");
  if (refused !== shownFor) {
    setShownFor(refused);
    if (refused) setOpen(true);
  }
  return (
    <details
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      className="rounded-md ring-1 ring-slate-200"
    >
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-800">
        Advanced: provider quirks
      </summary>
      <div className="space-y-4 border-t border-slate-200 p-3">
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Token request format"
            name="tokenRequestFormat"
            defaultValue={initial?.tokenRequestFormat ?? "form"}
            error={e("tokenRequestFormat")}
          >
            <option value="form">Form (RFC 6749)</option>
            <option value="json">JSON</option>
          </SelectField>
          <SelectField
            label="Refresh token policy"
            name="refreshTokenPolicy"
            defaultValue={initial?.refreshTokenPolicy ?? "keep"}
            error={e("refreshTokenPolicy")}
            hint="A held refresh token is never dropped because an answer left it out."
          >
            <option value="keep">Keep: an answer may leave the refresh token out</option>
            <option value="rotates">Rotates: each refresh answers a new one</option>
            <option value="none">None: tokens do not expire</option>
          </SelectField>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextAreaField
            label="Extra token request parameters (optional)"
            name="tokenParams"
            rows={2}
            defaultValue={paramLines(initial?.tokenParams)}
            placeholder="audience=api.example.com"
            error={e("tokenParams")}
            hint="One name=value per line; sent with the code exchange."
          />
          <TextAreaField
            label="Extra refresh request parameters (optional)"
            name="refreshParams"
            rows={2}
            defaultValue={paramLines(initial?.refreshParams)}
            placeholder="scope=offline"
            error={e("refreshParams")}
            hint="One name=value per line."
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Refresh token path (optional)"
            name="refreshTokenPath"
            defaultValue={initial?.refreshTokenPath ?? ""}
            placeholder="data.refresh_token"
            error={e("refreshTokenPath")}
          />
          <TextField
            label="Error path (optional)"
            name="errorPath"
            defaultValue={initial?.errorPath ?? ""}
            placeholder="error"
            error={e("errorPath")}
            hint="A 200 answer with this field set (and not false) is an error."
          />
          <TextField
            label="Expires in path (optional)"
            name="expiresInPath"
            defaultValue={initial?.expiresInPath ?? ""}
            placeholder="data.expires_in"
            error={e("expiresInPath")}
            hint="Seconds from now."
          />
          <TextField
            label="Expires at path (optional)"
            name="expiresAtPath"
            defaultValue={initial?.expiresAtPath ?? ""}
            placeholder="data.expires_at"
            error={e("expiresAtPath")}
            hint="Epoch seconds or an ISO date."
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Offline access scope (optional)"
            name="offlineScope"
            defaultValue={initial?.offlineAccess?.scope ?? ""}
            placeholder="offline_access"
            error={e("offlineAccess.scope") ?? e("offlineAccess")}
          />
          <TextAreaField
            label="Offline access parameters (optional)"
            name="offlineParams"
            rows={2}
            defaultValue={paramLines(initial?.offlineAccess?.params)}
            placeholder="access_type=offline"
            error={e("offlineAccess.params")}
            hint="One name=value per line; added to the authorization request."
          />
        </div>
        <TextField
          label="Issuer (optional)"
          name="issuer"
          type="url"
          defaultValue={initial?.issuer ?? ""}
          placeholder="https://login.example.com"
          error={e("issuer")}
          hint="Compared with the iss parameter of the callback (RFC 9207). Blank: the authorization URL's origin."
        />
        <PostConnectFields errors={errors} initial={initial?.postConnect} />
      </div>
    </details>
  );
}

/** The after-CONNECT request: asked with the new access token; the answer fields it names are kept as token metadata. */
function PostConnectFields({
  errors,
  initial,
}: {
  errors: Record<string, string>;
  initial?: OAuthSettings["postConnect"];
}) {
  const e = (name: string) => errorAt(errors, name);
  return (
    <fieldset className="space-y-3 rounded-md p-3 ring-1 ring-slate-200">
      <legend className="px-1 text-sm font-medium text-slate-800">After-CONNECT request (optional)</legend>
      <p className="text-xs text-slate-500">
        For providers that name the tenant only once a token exists (Atlassian&apos;s cloud id, Xero&apos;s tenant id).
        The kept names can fill the proxy&apos;s base URL, like <code>{"{{cloud_id}}"}</code>.
      </p>
      <div className="grid gap-4 sm:grid-cols-[8rem_minmax(0,1fr)]">
        <SelectField
          label="After-CONNECT method"
          name="postConnectMethod"
          defaultValue={initial?.method ?? "GET"}
          error={e("postConnect.method")}
        >
          <option value="GET">GET</option>
          <option value="POST">POST</option>
        </SelectField>
        <TextField
          label="After-CONNECT URL"
          name="postConnectUrl"
          defaultValue={initial?.url ?? ""}
          placeholder="https://api.example.com/accessible-resources"
          error={e("postConnect.url")}
          hint="May use {{field}} from the connection's non-secret fields that declare a pattern."
        />
      </div>
      <TextAreaField
        label="After-CONNECT headers (optional)"
        name="postConnectHeaders"
        rows={2}
        defaultValue={headerText(initial?.headers)}
        placeholder="X-Tenant: {{subdomain}}"
        error={e("postConnect.headers")}
        hint="One Name: value per line, sent beside the access token; values may use {{field}} from non-secret fields."
      />
      <TextAreaField
        label="Answer fields to keep"
        name="postConnectKeep"
        rows={2}
        defaultValue={paramLines(initial?.keep)}
        placeholder="cloud_id=0.id"
        error={e("postConnect.keep")}
        hint="One name=path per line: the metadata name, then where the answer holds it (0.id is the first item's id)."
      />
    </fieldset>
  );
}
