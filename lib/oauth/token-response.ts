import type { OAuthSettings } from "@/lib/connection-types/definition";
import { own } from "@/lib/validation/own";
import type { TokenSet } from "@/lib/credentials/tokens";

// Token endpoint answers as real providers send them, turned into the standard JSON answer that
// oauth4webapi then validates (RFC 6749 section 5). The quirks are the catalogue's:
//   - a form-encoded body (older providers) instead of JSON;
//   - the token nested in the answer (Slack's "authed_user.access_token"): the token and its
//     siblings (refresh_token, expires_in, token_type, scope) are read from the object holding it;
//   - a 200 answer that is an error ({"ok": false, "error": "invalid_code"}): treated as a 400;
//   - a missing or provider-specific token_type ("bot"): the token is used as a bearer token;
//   - an ID token (someone asked for openid): dropped, Latchkey signs nobody in with it.

type Json = Record<string, unknown>;
type Quirks = Pick<OAuthSettings, "accessTokenPath" | "keepTokenFields" | "keepCallbackParams">;

const LIFTED = ["access_token", "refresh_token", "expires_in", "token_type", "scope"] as const;

/** The value at a dotted path of an object. */
export function valueAt(body: unknown, path: string): unknown {
  let node: unknown = body;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return undefined;
    node = own(node as Json, key);
  }
  return node;
}

function parseBody(text: string, contentType: string): Json | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (/json/i.test(contentType) || trimmed.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Json) : undefined;
    } catch {
      return undefined;
    }
  }
  // A form-encoded body: key=value pairs joined by &, nothing that looks like HTML.
  if (/^[\w.%+-]+=[^<]*$/.test(trimmed)) return Object.fromEntries(new URLSearchParams(trimmed));
  return undefined;
}

/** The token endpoint's answer as standard JSON, plus the body as parsed (for kept fields). */
export async function normalizeTokenResponse(
  response: Response,
  quirks: Quirks,
): Promise<{ response: Response; raw: Json }> {
  const text = await response.text();
  const body = parseBody(text, response.headers.get("content-type") ?? "");
  if (!body)
    return {
      response: new Response(text === "" ? null : text, { status: response.status, headers: response.headers }),
      raw: {},
    };
  const json: Json = { ...body };
  let status = response.status;

  if (quirks.accessTokenPath) {
    const path = quirks.accessTokenPath.split(".");
    const holder = path.length > 1 ? valueAt(body, path.slice(0, -1).join(".")) : body;
    const token = valueAt(body, quirks.accessTokenPath);
    if (typeof token === "string" && holder && typeof holder === "object") {
      for (const key of LIFTED) if ((holder as Json)[key] !== undefined) json[key] = (holder as Json)[key];
      json.access_token = token;
    }
  }
  if (status >= 200 && status < 300 && typeof json.error === "string" && json.access_token === undefined) status = 400;
  if (status >= 200 && status < 300) {
    const type = typeof json.token_type === "string" ? json.token_type.toLowerCase() : "";
    if (type !== "bearer" && type !== "dpop") json.token_type = "bearer";
    if (typeof json.expires_in === "string" && json.expires_in.trim() === "") delete json.expires_in;
    delete json.id_token;
  }
  return { response: Response.json(json, { status }), raw: body };
}

/** The token set to store from a validated answer, with the fields and callback parameters the type keeps. */
export function tokenSetFrom(
  result: { access_token: string; refresh_token?: string; token_type: string; scope?: string },
  raw: Json,
  quirks: Quirks,
  callbackParams?: URLSearchParams,
): TokenSet {
  const metadata: Json = {};
  for (const field of quirks.keepTokenFields ?? []) {
    const value = valueAt(raw, field);
    if (value !== undefined) metadata[field] = value;
  }
  for (const param of quirks.keepCallbackParams ?? []) {
    const value = callbackParams?.get(param);
    if (value !== null && value !== undefined) metadata[param] = value;
  }
  return {
    accessToken: result.access_token,
    ...(result.refresh_token ? { refreshToken: result.refresh_token } : {}),
    tokenType: result.token_type,
    ...(result.scope !== undefined ? { scope: result.scope } : {}),
    metadata,
  };
}
