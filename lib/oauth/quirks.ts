import type { OAuthSettings } from "@/lib/connection-types/definition";
import { own } from "@/lib/validation/own";

// Provider quirks, in one place: what a token request adds to the standard parameters, and how an
// answer that bends RFC 6749 is read as the standard one. Each quirk is one entry, keyed by the
// connection type's `oauth` settings; a new quirk is a new entry here (and its setting in
// lib/connection-types/definition.ts), not a branch at a caller.

type Json = Record<string, unknown>;
export type TokenGrantType = "authorization_code" | "client_credentials" | "refresh_token";
export type QuirkSettings = Pick<
  OAuthSettings,
  "accessTokenPath" | "refreshTokenPath" | "expiresInPath" | "expiresAtPath" | "errorPath"
>;

/** A request quirk: body parameters a provider wants beside the standard ones. */
type RequestQuirk = (settings: OAuthSettings, grant: TokenGrantType) => Record<string, string> | undefined;

const requestQuirks: RequestQuirk[] = [
  // The type's own parameters: tokenParams on getting tokens, refreshParams on renewing them.
  (settings, grant) => (grant === "refresh_token" ? settings.refreshParams : settings.tokenParams),
];

/** Extra body parameters of a token request, or undefined when the provider wants none. */
export function extraTokenParams(settings: OAuthSettings, grant: TokenGrantType): Record<string, string> | undefined {
  const params = Object.assign({}, ...requestQuirks.map((q) => q(settings, grant) ?? {})) as Record<string, string>;
  return Object.keys(params).length > 0 ? params : undefined;
}

/**
 * An answer quirk: rewrites the standard JSON (`json`, built from the provider's `body`) in place
 * and returns the status to treat the answer as having.
 */
type AnswerQuirk = (json: Json, body: Json, status: number, settings: QuirkSettings) => number;

const LIFTED = ["access_token", "refresh_token", "expires_in", "token_type", "scope"] as const;
const ok = (status: number) => status >= 200 && status < 300;

/** The value at a dotted path of an object. */
export function valueAt(body: unknown, path: string): unknown {
  let node: unknown = body;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return undefined;
    node = own(node as Json, key);
  }
  return node;
}

/** A number of seconds, given as a number or a numeric string. */
function seconds(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? Math.round(n) : undefined;
}

/** An instant in milliseconds: epoch seconds (or milliseconds, past year 33658 in seconds) or an ISO date. */
function instant(value: unknown): number | undefined {
  const n = seconds(value);
  if (n !== undefined) return n > 1e12 ? n : n * 1000;
  const parsed = typeof value === "string" ? Date.parse(value) : NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
}

export const answerQuirks: AnswerQuirk[] = [
  // The token nested in the answer (Slack's "authed_user.access_token"): the token and its
  // siblings are read from the object holding it.
  (json, body, status, settings) => {
    if (!settings.accessTokenPath) return status;
    const path = settings.accessTokenPath.split(".");
    const holder = path.length > 1 ? valueAt(body, path.slice(0, -1).join(".")) : body;
    const token = valueAt(body, settings.accessTokenPath);
    if (typeof token === "string" && holder && typeof holder === "object") {
      for (const key of LIFTED) if ((holder as Json)[key] !== undefined) json[key] = (holder as Json)[key];
      json.access_token = token;
    }
    return status;
  },
  // The refresh token and the lifetime elsewhere than RFC 6749 puts them.
  (json, body, status, settings) => {
    const refresh = settings.refreshTokenPath ? valueAt(body, settings.refreshTokenPath) : undefined;
    if (typeof refresh === "string" && refresh !== "") json.refresh_token = refresh;
    const expiresIn = settings.expiresInPath ? seconds(valueAt(body, settings.expiresInPath)) : undefined;
    if (expiresIn !== undefined) json.expires_in = expiresIn;
    const expiresAt = settings.expiresAtPath ? instant(valueAt(body, settings.expiresAtPath)) : undefined;
    if (expiresAt !== undefined) json.expires_in = Math.max(1, Math.round((expiresAt - Date.now()) / 1000));
    return status;
  },
  // An error where the type says it sits, whatever the status: {"ok": false, "error": "invalid_code"},
  // {"errors": [{"message": "..."}]}. A value of false, null or "" is no error.
  (json, body, status, settings) => {
    if (!settings.errorPath) return status;
    const error = valueAt(body, settings.errorPath);
    if (error === undefined || error === null || error === false || error === "") return status;
    json.error = typeof error === "string" && /^[\x20-\x7e]{1,100}$/.test(error) ? error : "invalid_request";
    if (typeof error === "string" && json.error !== error) json.error_description = error.slice(0, 300);
    delete json.access_token;
    return ok(status) ? 400 : status;
  },
  // A 200 answer that is an error ({"ok": false, "error": "invalid_code"}): treated as a 400.
  (json, _body, status) =>
    ok(status) && typeof json.error === "string" && json.access_token === undefined ? 400 : status,
  // A missing or provider-specific token_type ("bot"): the token is used as a bearer token.
  (json, _body, status) => {
    const type = typeof json.token_type === "string" ? json.token_type.toLowerCase() : "";
    if (ok(status) && type !== "bearer" && type !== "dpop") json.token_type = "bearer";
    return status;
  },
  // An empty expires_in ("") means none was stated.
  (json, _body, status) => {
    if (ok(status) && typeof json.expires_in === "string" && json.expires_in.trim() === "") delete json.expires_in;
    return status;
  },
  // An ID token (someone asked for openid): dropped, Latchkey signs nobody in with it.
  (json, _body, status) => {
    if (ok(status)) delete json.id_token;
    return status;
  },
];
