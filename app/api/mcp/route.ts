// POST /api/mcp - Latchkey as an MCP server (Streamable HTTP), authenticated by an API key
import { handleMcpRequest, mcpMethodNotAllowed } from "@/lib/mcp/http";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => handleMcpRequest(request);
export const GET = () => mcpMethodNotAllowed();
export const DELETE = () => mcpMethodNotAllowed();
