import type { OAuthSettings } from "@/lib/connection-types/definition";
import type { TokenSet } from "@/lib/credentials/tokens";
import { answerQuirks, valueAt, type QuirkSettings } from "./quirks";

// Token endpoint answers as real providers send them, turned into the standard JSON answer that
// oauth4webapi then validates (RFC 6749 section 5): a form-encoded body (older providers) is read as
// JSON, then each answer quirk of ./quirks is applied.

type Json = Record<string, unknown>;
type Quirks = QuirkSettings & Pick<OAuthSettings, "keepTokenFields" | "keepCallbackParams">;

export { valueAt };

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
  for (const quirk of answerQuirks) status = quirk(json, body, status, quirks);
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
