import "server-only";
import { fillEndpointTemplate, fillHeaderTemplate } from "@/lib/connection-types/templates";
import { ValidationError } from "@/lib/errors";
import { outboundFetch, OutboundRequestError, outboundUrlProblem } from "@/lib/outbound/fetch";
import { own } from "@/lib/validation/own";
import type { OAuthConnection } from "./connection";

// The after-CONNECT request: some providers name the tenant only once a token exists (Atlassian's
// accessible resources give the cloud id, Xero's connections the tenant id). The type declares the
// request and which answer fields to keep; they are stored as token metadata, beside the fields
// kept from the token answer, for integration code and the proxy's base URL.

const TIMEOUT_MS = 15_000;
const MAX_BYTES = 256 * 1024;

/** The value at a dotted path, array indexes included ("0.id"). */
function pathValue(body: unknown, path: string): unknown {
  let node: unknown = body;
  for (const step of path.split(".")) {
    if (Array.isArray(node) && /^\d+$/.test(step)) node = node[Number(step)];
    else if (node !== null && typeof node === "object" && !Array.isArray(node))
      node = own(node as Record<string, unknown>, step);
    else return undefined;
  }
  return node;
}

/** Runs the type's after-CONNECT request with the new access token; the kept fields, or {} when the type has none. */
export async function afterConnectMetadata(
  connection: OAuthConnection,
  accessToken: string,
): Promise<Record<string, unknown>> {
  const spec = connection.settings.postConnect;
  if (!spec) return {};
  const label = "after-CONNECT URL";
  const url = fillEndpointTemplate(spec.url, connection.values, connection.fields, label);
  const problem = outboundUrlProblem(url);
  if (problem) throw new ValidationError(`The ${label}: ${problem}`);
  // The type's own headers first: the token cannot be replaced by one, a type may ask for another Accept.
  const headers: Record<string, string> = {};
  for (const h of spec.headers ?? [])
    headers[h.name.toLowerCase()] = fillHeaderTemplate(
      h.value,
      connection.values,
      connection.fields,
      `The after-CONNECT header ${h.name}`,
    );
  headers.authorization = `Bearer ${accessToken}`;
  headers.accept ??= "application/json";
  let response: Response;
  try {
    response = await outboundFetch(
      url,
      { method: spec.method, headers },
      { timeoutMs: TIMEOUT_MS, maxBytes: MAX_BYTES },
    );
  } catch (error) {
    if (error instanceof OutboundRequestError)
      throw new ValidationError(`The after-CONNECT request failed: ${error.message}`);
    throw error;
  }
  if (!response.ok) throw new ValidationError(`The after-CONNECT request answered ${response.status}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ValidationError("The after-CONNECT request did not answer JSON");
  }
  const kept: Record<string, unknown> = {};
  for (const [name, path] of Object.entries(spec.keep)) {
    const value = pathValue(body, path);
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}
