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
    category: "developer_tools",
    setup: [
      "Nothing to register by hand: at the first CONNECT, Latchkey reads the server's protected resource metadata and its authorization server's, and registers itself there (a client ID metadata document, or dynamic client registration).",
      "Give the server's MCP endpoint as its URL (https://…/mcp), in the designer as a default or for the customer to enter.",
      "Agents then call the server through the proxy (or Latchkey's own MCP server's call_proxy tool) and never hold its token.",
    ],
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
