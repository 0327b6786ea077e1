import "server-only";
import type { Db } from "@/db/client";
import { ValidationError } from "@/lib/errors";
import type { OAuthConnection } from "@/lib/oauth/connection";
import { ensureMcpClient, findMcpClient, type McpClient } from "./registration";
import { stepUpScopesOf } from "./step-up";

// An MCP connection as the OAuth flow sees it: the endpoints and the client that the registration
// found, PKCE, the issuer the callback's `iss` must name (RFC 9207), and the `resource` parameter
// (RFC 8707) on the authorization, token and refresh requests. The rest of the flow (start,
// callback, refresh, revoke, the proxy) is the authorization code grant's, unchanged.

function applied(connection: OAuthConnection, client: McpClient, stepUp: string[]): OAuthConnection {
  const resource = { resource: client.resource };
  const s = connection.settings;
  // No scopes given: ask for what the server says it supports; and for what it asked for since.
  const base = connection.values.scopes?.trim() || client.scopesSupported?.join(" ") || "";
  const scopes = [...new Set([...base.split(/\s+/), ...stepUp].filter((x) => x !== ""))].join(" ");
  return {
    ...connection,
    values: {
      ...connection.values,
      client_id: client.clientId,
      ...(client.clientSecret ? { client_secret: client.clientSecret } : {}),
      auth_uri: client.authorizationEndpoint,
      token_uri: client.tokenEndpoint,
      ...(client.revocationEndpoint ? { revoke_uri: client.revocationEndpoint } : {}),
      ...(scopes ? { scopes } : {}),
    },
    settings: {
      ...s,
      pkce: true,
      scopeSeparator: " ",
      tokenAuthMethod: client.tokenAuthMethod,
      issuer: client.issuer,
      authorizeParams: { ...s.authorizeParams, ...resource },
      tokenParams: { ...s.tokenParams, ...resource },
      refreshParams: { ...s.refreshParams, ...resource },
    },
  };
}

/**
 * The connection with its MCP server's registration. `register`: at CONNECT, discover and register
 * when none is kept; otherwise (refresh, revoke) the kept one, and the connection as it is when
 * none was ever made.
 */
export async function withMcpClient(
  db: Db,
  connection: OAuthConnection,
  o: { register: boolean },
): Promise<OAuthConnection> {
  const serverUrl = connection.values.server_url?.trim();
  if (!serverUrl) {
    if (!o.register) return connection;
    throw new ValidationError(`${connection.label}: set the MCP server URL first`, {
      "values.server_url": "MCP server URL is required to authorize",
    });
  }
  const typeKey = connection.configVariable?.connectionType ?? connection.credential.authMethod;
  const client = o.register
    ? await ensureMcpClient(db, connection.organizationId, typeKey, serverUrl)
    : await findMcpClient(db, connection.organizationId, typeKey, serverUrl);
  if (!client) return connection;
  const stepUp = o.register ? await stepUpScopesOf(db, connection.organizationId, connection.credential.id) : [];
  return applied(connection, client, stepUp);
}
