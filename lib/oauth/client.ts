import "server-only";
import { kindOf } from "@/lib/connection-types/kinds";
import * as oauth from "oauth4webapi";
import { env } from "@/lib/env";
import { own } from "@/lib/validation/own";
import { ValidationError } from "@/lib/errors";
import { fillEndpointTemplate } from "@/lib/connection-types/templates";
import { outboundFetch, outboundUrlProblem } from "@/lib/outbound/fetch";
import { requiredValue, type OAuthConnection } from "./connection";
import { privateKeyJwt } from "./private-key-jwt";

// oauth4webapi, configured from a connection's stored endpoints (no discovery: integrators type the
// URLs in), with every request sent through Latchkey's vetted outboundFetch.

const TOKEN_TIMEOUT_MS = 15_000;
const TOKEN_MAX_BYTES = 256 * 1024;

type EndpointKey = "auth_uri" | "token_uri" | "revoke_uri";

/** An endpoint URL with its {{field}} placeholders filled (each value matching its field's pattern). */
function filledEndpoint(connection: OAuthConnection, key: EndpointKey, label: string): string {
  return fillEndpointTemplate(requiredValue(connection, key, label), connection.values, connection.fields, label);
}

/** Checks an endpoint URL against the outbound rules (https outside development). */
export function endpoint(connection: OAuthConnection, key: EndpointKey, label: string): string {
  const value = filledEndpoint(connection, key, label);
  const problem = outboundUrlProblem(value);
  if (problem) throw new ValidationError(`${label}: ${problem}`, { [`values.${key}`]: problem });
  return value;
}

/** The issuer the callback's `iss` must name: the type's, else the authorization URL's origin. */
export function expectedIssuer(connection: OAuthConnection): string {
  return connection.settings.issuer ?? new URL(filledEndpoint(connection, "auth_uri", "Authorization URL")).origin;
}

/** The authorization server as oauth4webapi sees it, built from the stored endpoints. */
export function authorizationServer(connection: OAuthConnection, issuer?: string): oauth.AuthorizationServer {
  const revoke = connection.values.revoke_uri?.trim()
    ? endpoint(connection, "revoke_uri", "Revocation URL")
    : undefined;
  const authorizes = kindOf(connection.kind).traits.authorizes;
  return {
    issuer:
      issuer ??
      (authorizes ? expectedIssuer(connection) : new URL(endpoint(connection, "token_uri", "Token URL")).origin),
    token_endpoint: endpoint(connection, "token_uri", "Token URL"),
    ...(authorizes ? { authorization_endpoint: endpoint(connection, "auth_uri", "Authorization URL") } : {}),
    ...(revoke ? { revocation_endpoint: revoke } : {}),
  };
}

/** The client: its id, from the credential's values. */
export function oauthClient(connection: OAuthConnection): oauth.Client {
  return { client_id: requiredValue(connection, "client_id", "client ID") };
}

/** Client authentication at the token and revocation endpoints, as the connection type says. */
export function clientAuthentication(connection: OAuthConnection): oauth.ClientAuth {
  switch (connection.settings.tokenAuthMethod) {
    case "none":
      return oauth.None();
    case "private_key_jwt":
      return privateKeyJwt(
        requiredValue(connection, "private_key", "private key"),
        own(connection.values, "private_key_id")?.trim() || undefined,
      );
    case "client_secret_post":
      return oauth.ClientSecretPost(requiredValue(connection, "client_secret", "client secret"));
    case "client_secret_basic":
      return oauth.ClientSecretBasic(requiredValue(connection, "client_secret", "client secret"));
  }
}

/** The custom headers of token requests: the type's, then the credential's (which win). */
export function tokenHeaders(connection: OAuthConnection): Record<string, string> {
  // A Map first: a header named `__proto__` must be a header, not the object's prototype.
  const headers = new Map<string, string>();
  for (const h of [...connection.settings.headers, ...connection.headers])
    if (h.on === "token" || h.on === "both") headers.set(h.name, h.value);
  return Object.fromEntries(headers);
}

/** oauth4webapi's request options: the custom headers, outboundFetch, http only where allowed. */
export function requestOptions(connection: OAuthConnection, timeoutMs = TOKEN_TIMEOUT_MS) {
  return {
    headers: tokenHeaders(connection),
    [oauth.allowInsecureRequests]: env.allowPrivateNetwork,
    [oauth.customFetch]: (url: string, options: oauth.CustomFetchOptions<string, unknown>) =>
      outboundFetch(
        url,
        {
          method: options.method,
          headers: options.headers,
          body: connection.settings.tokenRequestFormat === "json" ? asJson(options) : (options.body as BodyInit),
          signal: options.signal,
        },
        { timeoutMs, maxBytes: TOKEN_MAX_BYTES },
      ),
  };
}

/** A form body as the JSON object some providers want instead (its content type changed to match). */
function asJson(options: oauth.CustomFetchOptions<string, unknown>): BodyInit | undefined {
  if (!(options.body instanceof URLSearchParams)) return options.body as BodyInit | undefined;
  options.headers["content-type"] = "application/json";
  return JSON.stringify(Object.fromEntries(options.body));
}

/** The secrets of the connection (and of the exchange), to mask in anything that is logged or shown. */
export function secretsOf(connection: OAuthConnection, ...more: (string | undefined)[]): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(connection.values))
    if (/secret|password|token|private|key/i.test(key) && !/_uri$/.test(key)) secrets[key] = value;
  connection.headers.forEach((h, i) => (secrets[`header${i}`] = h.value));
  more.forEach((value, i) => value && (secrets[`more${i}`] = value));
  return secrets;
}
