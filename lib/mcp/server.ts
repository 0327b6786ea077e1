import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { Db } from "@/db/client";
import { answerFor } from "@/lib/api/errors";
import { ValidationError } from "@/lib/errors";
import { logUnexpected } from "@/lib/log";
import type { McpCaller } from "./access";
import { McpInputError, toolInputs, tools } from "./tools";

// Latchkey as an MCP server: one McpServer per request (the transport is stateless), its tools
// bound to the caller that the request's API key authenticated.

const descriptions: Record<keyof typeof tools, { title: string; description: string; readOnly: boolean }> = {
  list_customers: {
    title: "List customers",
    description: "The organization's customers (id, name, external id), optionally searched by name or external id.",
    readOnly: true,
  },
  list_instances: {
    title: "List instances and their connections",
    description:
      "Instances (an integration deployed to a customer) with each connection's status (green, yellow, red) and the reason.",
    readOnly: true,
  },
  get_connection: {
    title: "Get a connection's status and recent log",
    description: "One connection of an instance: status, reason, authorization dates and scopes, and its recent log.",
    readOnly: true,
  },
  create_connect_link: {
    title: "Create a CONNECT link",
    description:
      "A single-use link (10 minutes) that lets a person authorize an OAuth connection of an instance without a Latchkey account.",
    readOnly: false,
  },
  call_proxy: {
    title: "Call a connection's API through the proxy",
    description:
      "Sends a request to the connection's API (below its type's proxy base URL) with the credential applied by Latchkey; answers the status, headers and body (up to 256 KiB).",
    readOnly: false,
  },
};

/** A domain error as a tool error the agent can act on (the entry points' one mapping); anything else is logged and said vaguely. */
function toolError(error: unknown): CallToolResult {
  const answer = answerFor(error instanceof McpInputError ? new ValidationError(error.message) : error);
  if (answer.unexpected) logUnexpected("MCP tool", error);
  const fields = Object.entries(answer.fields ?? {}).map(([k, v]) => `${k}: ${v}`);
  return { isError: true, content: [{ type: "text", text: [answer.message, ...fields].join("; ") }] };
}

/** The MCP server for one caller. */
export function latchkeyMcpServer(db: Db, caller: McpCaller): McpServer {
  const server = new McpServer({ name: "latchkey", version: "1.0.0" });
  for (const name of Object.keys(tools) as (keyof typeof tools)[]) {
    const { title, description, readOnly } = descriptions[name];
    const run = tools[name] as (db: Db, caller: McpCaller, input: unknown) => Promise<Record<string, unknown>>;
    server.registerTool(
      name,
      { title, description, inputSchema: toolInputs[name], annotations: { readOnlyHint: readOnly } },
      async (input: unknown): Promise<CallToolResult> => {
        try {
          const result = await run(db, caller, input);
          return { content: [{ type: "text", text: JSON.stringify(result) }], structuredContent: result };
        } catch (error) {
          return toolError(error);
        }
      },
    );
  }
  return server;
}
