import "server-only";
import { NextResponse } from "next/server";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { getDb } from "@/db/client";
import { toApiError } from "@/lib/api/errors";
import { authenticateWithLimits, errorHeaders } from "@/lib/api/key-auth";
import { ApiError } from "@/lib/api/errors";
import { logUnexpected } from "@/lib/log";
import { latchkeyMcpServer } from "./server";

// POST /api/mcp: MCP over Streamable HTTP, stateless (each request stands alone, so any server of a
// cluster answers it), JSON answers, the body read up to 1 MiB by the transport.

const BODY_LIMIT = 1024 * 1024;

function bearer(request: Request): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec((request.headers.get("authorization") ?? "").trim());
  return match?.[1] ?? null;
}

/** Answers one MCP request for the API key it carries. */
export async function handleMcpRequest(request: Request): Promise<Response> {
  try {
    const db = await getDb();
    const token = bearer(request);
    if (!token)
      throw new ApiError(401, "unauthorized", "Send an organization API key as `Authorization: Bearer <key>`");
    const caller = await authenticateWithLimits(db, request, token, false);
    const server = latchkeyMcpServer(db, caller);
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      maxRequestBodySize: BODY_LIMIT,
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(request);
    } finally {
      await server.close();
    }
  } catch (error) {
    const { status, body, unexpected } = toApiError(error);
    if (unexpected) logUnexpected("POST /api/mcp", error);
    return NextResponse.json(body, { status, headers: errorHeaders(error, status) });
  }
}

/** GET and DELETE: this stateless server keeps no stream or session to open or end. */
export function mcpMethodNotAllowed(): Response {
  return NextResponse.json(
    { error: { code: "method_not_allowed", message: "POST MCP messages to /api/mcp (no sessions, no SSE stream)" } },
    { status: 405, headers: { Allow: "POST" } },
  );
}
