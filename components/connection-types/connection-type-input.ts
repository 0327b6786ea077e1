import type { ConnectionTypeInput, RequestAuth, tokenAuthMethods } from "@/lib/connection-types/definition";
import type { KindTraits } from "@/lib/connection-types/kinds/kind";
import type { HeaderRow } from "@/components/credentials/header-editor";
import type { FieldRow } from "./field-rows-editor";

// The connection type form's values turned into the definition the action takes: plain functions,
// so that the form's parts only render and hold state.

export const authTypes = {
  none: "None",
  basic: "HTTP basic",
  header: "API key in a header",
  query: "API key in the query",
  bearer: "Bearer token",
} as const;
export type AuthType = keyof typeof authTypes;

export const fieldRow = (key: string, label: string, extra: Partial<FieldRow> = {}): FieldRow => ({
  key,
  label,
  type: "string",
  required: true,
  secret: false,
  default: "",
  placeholder: "",
  pattern: "",
  patternMessage: "",
  ...extra,
});

/** The rows a kind starts from: its well-known fields (API.md), whose labels can be renamed ("App key"). */
export function wellKnownRows(traits: KindTraits): FieldRow[] {
  return traits.wellKnownFields.map((f) =>
    fieldRow(f.key, f.label, { type: f.type, required: f.required, secret: f.type === "password" }),
  );
}

/** name=value lines as a record. */
export function lines(text: string): Record<string, string> {
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

/** A record as name=value lines: what `lines` reads back. */
export const paramLines = (p: Record<string, string> | undefined) =>
  Object.entries(p ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");

/** A comma separated list. */
export const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

type Get = (name: string) => string;
type OAuthSettingsInput = NonNullable<ConnectionTypeInput["oauth"]>;

/** How the test request presents the credential, from the form's auth inputs. */
export function readTestAuth(authType: AuthType, get: Get): RequestAuth {
  switch (authType) {
    case "none":
      return { type: "none" };
    case "basic":
      return { type: "basic", usernameField: get("authUsernameField"), passwordField: get("authPasswordField") };
    case "header":
      return {
        type: "header",
        name: get("authName"),
        valueField: get("authValueField"),
        prefix: get("authPrefix") || undefined,
      };
    case "query":
      return { type: "query", name: get("authName"), valueField: get("authValueField") };
    case "bearer":
      return { type: "bearer", tokenField: get("authTokenField") || undefined };
  }
}

/** The OAuth settings block, from the form's OAuth section. */
export function readOAuthSettings(form: FormData, get: Get, headers: HeaderRow[]): ConnectionTypeInput["oauth"] {
  const offlineScope = get("offlineScope");
  const offlineParams = lines(get("offlineParams"));
  return {
    pkce: form.get("pkce") === "on",
    tokenAuthMethod: get("tokenAuthMethod") as (typeof tokenAuthMethods)[number],
    scopeSeparator: String(form.get("scopeSeparator") ?? " ") || " ",
    authorizeParams: lines(String(form.get("authorizeParams") ?? "")),
    headers,
    accessTokenPath: get("accessTokenPath") || undefined,
    keepTokenFields: list(get("keepTokenFields")),
    keepCallbackParams: list(get("keepCallbackParams")),
    ...readQuirks(get, offlineScope, offlineParams),
  };
}

// The "Advanced: provider quirks" part: a blank input leaves the schema's default.
function readQuirks(get: Get, offlineScope: string, offlineParams: Record<string, string>) {
  return {
    tokenRequestFormat: (get("tokenRequestFormat") || "form") as "form" | "json",
    tokenParams: lines(get("tokenParams")),
    refreshParams: lines(get("refreshParams")),
    refreshTokenPath: get("refreshTokenPath") || undefined,
    expiresInPath: get("expiresInPath") || undefined,
    expiresAtPath: get("expiresAtPath") || undefined,
    errorPath: get("errorPath") || undefined,
    refreshTokenPolicy: (get("refreshTokenPolicy") || "keep") as "rotates" | "keep" | "none",
    offlineAccess:
      offlineScope || Object.keys(offlineParams).length > 0
        ? { scope: offlineScope || undefined, params: offlineParams }
        : undefined,
    issuer: get("issuer") || undefined,
    postConnect: readPostConnect(get),
  };
}

// The after-CONNECT request: blank URL and keep lines leave it out; one without the other is sent
// as it is, so that the server's zod issue says at its field what is missing.
function readPostConnect(get: Get): OAuthSettingsInput["postConnect"] {
  const url = get("postConnectUrl");
  const keep = lines(get("postConnectKeep"));
  const headers = headerLines(get("postConnectHeaders"));
  if (!url && Object.keys(keep).length === 0 && headers.length === 0) return undefined;
  const method = (get("postConnectMethod") || "GET") as "GET" | "POST";
  return { url, method, headers: headers.length > 0 ? headers : undefined, keep };
}

/** "Name: value" lines as headers; a line without a colon is a name with an empty value, for the server to judge. */
export function headerLines(text: string): { name: string; value: string }[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const at = l.indexOf(":");
      return at < 0 ? { name: l, value: "" } : { name: l.slice(0, at).trim(), value: l.slice(at + 1).trim() };
    });
}

/** Headers as "Name: value" lines: what `headerLines` reads back. */
export const headerText = (headers: { name: string; value: string }[] | undefined) =>
  (headers ?? []).map((h) => `${h.name}: ${h.value}`).join("\n");

/** The field rows as definitions: a secret or blank default is left out. */
export function fieldInputs(rows: FieldRow[]): ConnectionTypeInput["fields"] {
  return rows.map((f) => ({
    key: f.key.trim(),
    label: f.label,
    type: f.type,
    required: f.required,
    secret: f.secret,
    default: f.secret || f.default === "" ? undefined : f.default,
    placeholder: f.placeholder || undefined,
    pattern: f.pattern.trim() || undefined,
    patternMessage: f.pattern.trim() && f.patternMessage.trim() ? f.patternMessage.trim() : undefined,
  }));
}
