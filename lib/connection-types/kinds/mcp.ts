import "server-only";
import { fieldsComplete, missingWellKnown } from "./completeness";
import type { Kind } from "./kind";
import { applyAccessToken, revokeOAuthToken } from "./oauth-common";

// `mcp`, a connection to an MCP server (OAuth 2.1 as the MCP specification has it): the type holds
// only the server's URL. CONNECT discovers the server's authorization server (RFC 9728, RFC 8414),
// registers Latchkey as its client (lib/mcp/client), and authorizes with PKCE and the `resource`
// parameter; from then on its tokens are an authorization code grant's, renewed and revoked as
// oauth2's are. The proxy forwards to server_url with the bearer token.

export const mcpKind: Kind = {
  traits: {
    kind: "mcp",
    label: "MCP server (OAuth 2.1)",
    authorizes: true,
    holdsTokens: true,
    fetchesOnSave: false,
    serverField: "server_url",
    wellKnownFields: [
      { key: "server_url", label: "MCP server URL", type: "url", required: true },
      { key: "scopes", label: "Scopes", type: "string", required: false },
    ],
  },
  grantType: "authorization_code",
  definitionIssues: (keys) => missingWellKnown("mcp", ["server_url"], keys),
  completeness(fields, fieldsSet, authorized) {
    const byFields = fieldsComplete(fields, fieldsSet);
    if (!byFields.complete) return byFields;
    return authorized ? byFields : { complete: false, reason: "MCP server authorization not completed" };
  },
  refresh: (_connection, current) =>
    current.refreshToken ? { type: "refresh_token", refreshToken: current.refreshToken } : undefined,
  revoke: revokeOAuthToken,
  // Loaded when used, as the grant module is: lib/mcp reads the registry.
  withServerClient: async (db, connection, o) =>
    (await import("@/lib/mcp/client/connection")).withMcpClient(db, connection, o),
  stepsUpScopes: true,
  apply: applyAccessToken,
};
