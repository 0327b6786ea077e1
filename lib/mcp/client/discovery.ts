import "server-only";
import * as oauth from "oauth4webapi";
import { z } from "zod";
import { env } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { outboundFetch, OutboundRequestError, outboundUrlProblem } from "@/lib/outbound/fetch";

// How Latchkey finds out who authorizes for an MCP server, as the MCP specification's authorization
// section has it: the server's protected resource metadata (RFC 9728), named by the
// `resource_metadata` of its 401 challenge or found at its well-known URL, names the authorization
// server, whose metadata (RFC 8414, OpenID Connect discovery as a fallback) gives the endpoints.
// Every request goes through lib/outbound (https and public addresses in production, no redirects).

const TIMEOUT_MS = 10_000;
const MAX_BYTES = 256 * 1024;

const fieldError = (message: string) => new ValidationError(message, { "values.server_url": message });

/** The server URL as a resource identifier (RFC 8707): no fragment, no query, no trailing slash. */
export function canonicalResource(serverUrl: string): string {
  const problem = outboundUrlProblem(serverUrl);
  if (problem) throw fieldError(`MCP server URL: ${problem}`);
  const url = new URL(serverUrl);
  url.hash = "";
  url.search = "";
  return url.href.replace(/\/$/, "");
}

function send(url: string, init: RequestInit = {}) {
  return outboundFetch(url, init, { timeoutMs: TIMEOUT_MS, maxBytes: MAX_BYTES }).catch((error: unknown) => {
    if (error instanceof OutboundRequestError)
      throw fieldError(`The MCP server at ${new URL(url).origin} could not be reached: ${error.message}`);
    throw error;
  });
}

/** The `resource_metadata` URL of a `WWW-Authenticate: Bearer ...` challenge, if it names one. */
export function resourceMetadataUrl(challenge: string | null): string | null {
  const match = /resource_metadata="([^"]+)"/i.exec(challenge ?? "");
  return match?.[1] ?? null;
}

const protectedResourceMetadata = z.object({
  resource: z.string(),
  authorization_servers: z.array(z.url()).min(1),
  scopes_supported: z.array(z.string()).optional(),
});
export type ProtectedResource = z.infer<typeof protectedResourceMetadata>;

/** The server's protected resource metadata: from its 401 challenge, else from the well-known URLs. */
export async function discoverProtectedResource(serverUrl: string): Promise<ProtectedResource> {
  const resource = canonicalResource(serverUrl);
  const probe = await send(resource, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "Latchkey", version: "1" } },
    }),
  });
  await probe.body?.cancel();
  const url = new URL(resource);
  const candidates = [
    resourceMetadataUrl(probe.headers.get("www-authenticate")),
    `${url.origin}/.well-known/oauth-protected-resource${url.pathname === "/" ? "" : url.pathname}`,
    `${url.origin}/.well-known/oauth-protected-resource`,
  ].filter((c, i, all): c is string => !!c && all.indexOf(c) === i);
  for (const candidate of candidates) {
    if (outboundUrlProblem(candidate)) continue;
    const answer = await send(candidate, { headers: { accept: "application/json" } });
    if (!answer.ok) {
      await answer.body?.cancel();
      continue;
    }
    const parsed = protectedResourceMetadata.safeParse(await answer.json().catch(() => null));
    if (!parsed.success)
      throw fieldError(`${candidate} is not protected resource metadata (RFC 9728): it names no authorization server`);
    // RFC 9728 §3.3: metadata for another resource must not be used for this one.
    if (parsed.data.resource.replace(/\/$/, "") !== resource)
      throw fieldError(`The MCP server's metadata is for ${parsed.data.resource}, not ${resource}`);
    return parsed.data;
  }
  throw fieldError(
    `${resource} publishes no protected resource metadata (RFC 9728): it does not say who authorizes for it`,
  );
}

const discoveryOptions = {
  [oauth.allowInsecureRequests]: env.allowPrivateNetwork,
  [oauth.customFetch]: (url: string, o: oauth.CustomFetchOptions<string, unknown>) =>
    send(url, { method: o.method, headers: o.headers, body: o.body as BodyInit | undefined, signal: o.signal }),
};

/** The authorization server's metadata: RFC 8414 first, then OpenID Connect discovery. */
export async function discoverAuthorizationServer(issuer: string): Promise<oauth.AuthorizationServer> {
  const problem = outboundUrlProblem(issuer);
  if (problem) throw fieldError(`The MCP server's authorization server ${issuer}: ${problem}`);
  const issuerUrl = new URL(issuer);
  for (const algorithm of ["oauth2", "oidc"] as const) {
    try {
      const response = await oauth.discoveryRequest(issuerUrl, { ...discoveryOptions, algorithm });
      if (!response.ok) {
        await response.body?.cancel();
        continue;
      }
      const as = await oauth.processDiscoveryResponse(issuerUrl, response);
      if (!as.authorization_endpoint || !as.token_endpoint)
        throw fieldError(`${issuer} has no authorization or token endpoint in its metadata`);
      // The MCP specification: PKCE with S256, and a client that cannot be sure of it does not start.
      if (!as.code_challenge_methods_supported?.includes("S256"))
        throw fieldError(`${issuer} does not say it supports PKCE with S256, which MCP authorization needs`);
      return as;
    } catch (error) {
      if (error instanceof ValidationError) throw error;
      if (error instanceof oauth.OperationProcessingError || error instanceof oauth.ResponseBodyError) continue;
      throw error;
    }
  }
  throw fieldError(`${issuer} publishes no authorization server metadata (RFC 8414 or OpenID Connect discovery)`);
}
