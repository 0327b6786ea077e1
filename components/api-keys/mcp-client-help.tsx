import { CopyButton } from "@/components/ui/copy-button";

/** How to point an MCP client (an agent, an IDE) at Latchkey's own MCP server with an API key. */
export function McpClientHelp({ url }: { url: string }) {
  const config = JSON.stringify(
    { mcpServers: { latchkey: { type: "http", url, headers: { Authorization: "Bearer <API key>" } } } },
    null,
    2,
  );
  return (
    <section aria-labelledby="mcp-client-help" className="mt-8 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="mcp-client-help" className="font-semibold text-slate-900">
        Use Latchkey from an MCP client
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Latchkey is an MCP server too (Streamable HTTP). Point an agent or an MCP client at the URL below with one of
        these keys as a bearer token: it can list customers and instances, read a connection&apos;s status and log,
        create a CONNECT link and call a connection&apos;s proxy, and it never receives a secret. A viewer key reads
        only; an instance&apos;s runtime key reaches that instance only.
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <code className="min-w-0 break-all rounded bg-slate-100 px-2 py-1 text-xs" data-testid="mcp-url">
          {url}
        </code>
        <CopyButton value={url} label="Copy URL" />
      </div>
      <pre className="mt-3 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{config}</pre>
    </section>
  );
}
