// GET /oauth/client-metadata.json - Latchkey's OAuth client ID metadata document, for MCP servers
// whose authorization server takes a URL as the client's id (it is the id: lib/mcp/client)
import { NextResponse } from "next/server";
import { clientMetadata, clientMetadataUrl } from "@/lib/mcp/client/registration";

export const dynamic = "force-dynamic";

export function GET() {
  return NextResponse.json(
    { client_id: clientMetadataUrl(), ...clientMetadata("none") },
    { headers: { "cache-control": "public, max-age=3600" } },
  );
}
