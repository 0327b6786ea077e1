import type { ConnectionTypeInput } from "@/lib/connection-types/definition";

// Any MCP server that authorizes with OAuth 2.1 as the MCP specification says: its URL is the one
// field; its authorization server, endpoints and Latchkey's client there are found at CONNECT.

export const mcpTypes: ConnectionTypeInput[] = [
  {
    key: "mcp",
    label: "MCP server",
    description:
      "A remote MCP server (Streamable HTTP). CONNECT finds its authorization server and registers Latchkey there; agents call it through the proxy.",
    kind: "mcp",
    docsUrl: "https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization",
    fields: [
      {
        key: "server_url",
        label: "MCP server URL",
        type: "url",
        required: true,
        placeholder: "https://mcp.example.com/mcp",
      },
      { key: "scopes", label: "Scopes", type: "string", required: false, placeholder: "what the server supports" },
    ],
    oauth: { pkce: true, tokenAuthMethod: "client_secret_basic", scopeSeparator: " " },
    proxy: { baseUrl: "{{server_url}}", auth: { type: "bearer" } },
  },
];
