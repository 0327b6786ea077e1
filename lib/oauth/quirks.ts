import type { OAuthSettings } from "@/lib/connection-types/definition";
import { own } from "@/lib/validation/own";

// Provider quirks, in one place: what a token request adds to the standard parameters, and how an
// answer that bends RFC 6749 is read as the standard one. Each quirk is one entry, keyed by the
// connection type's `oauth` settings; a new quirk is a new entry here (and its setting in
// lib/connection-types/definition.ts), not a branch at a caller.

type Json = Record<string, unknown>;
export type TokenGrantType = "authorization_code" | "client_credentials" | "refresh_token";
export type QuirkSettings = Pick<OAuthSettings, "accessTokenPath">;

/** A request quirk: body parameters a provider wants beside the standard ones. */
type RequestQuirk = (settings: OAuthSettings, grant: TokenGrantType) => Record<string, string> | undefined;

const requestQuirks: RequestQuirk[] = [];

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
