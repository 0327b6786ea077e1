import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import Provider from "oidc-provider";

// A real MCP server that authorizes as the MCP specification says, for the tests: an authorization
// server (oidc-provider with dynamic client registration and resource indicators, issuing JWT
// access tokens for the resource) and an MCP server (the official SDK) that publishes its protected
// resource metadata, challenges with `resource_metadata`, and checks each token's audience.

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
const closing = (server: Server) => () =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

export type McpAuthorizationServer = {
  url: string;
  registrations: number;
  /** The provider's request log: each authorization and token request, with its `resource`. */
  requests: { route: string; grantType: string | null; resource: string | null }[];
  /** The client the MCP servers introspect tokens with. */
  introspector: { clientId: string; clientSecret: string };
  close: () => Promise<void>;
};

const INTROSPECTOR = { clientId: "mcp-resource-server", clientSecret: randomBytes(24).toString("base64url") };

export async function startMcpAuthorizationServer(): Promise<McpAuthorizationServer> {
  const server = createServer();
  const url = await listen(server);
  const jwk = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const provider = new Provider(url, {
    jwks: { keys: [{ ...jwk, use: "sig", alg: "RS256" }] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    scopes: ["openid", "offline_access", "mcp:tools", "mcp:admin"],
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub }) }),
    pkce: { required: () => true },
    issueRefreshToken: async () => true,
    // The MCP servers are clients only to introspect the tokens presented to them.
    clients: [
      {
        client_id: INTROSPECTOR.clientId,
        client_secret: INTROSPECTOR.clientSecret,
        grant_types: [],
        response_types: [],
        redirect_uris: [],
      },
    ],
    rotateRefreshToken: () => true,
    features: {
      devInteractions: { enabled: true },
      registration: { enabled: true },
      revocation: { enabled: true },
      introspection: { enabled: true, allowedPolicy: () => true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx: unknown, _client: unknown, oneOf?: string[]) => oneOf?.[0],
        // A token request without `resource` gets no token for the MCP server: the tests see that
        // Latchkey sends it on the code exchange and on every refresh (RFC 8707).
        useGrantedResource: () => false,
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({
          scope: "mcp:tools mcp:admin",
          audience: resource,
          accessTokenTTL: 300,
          accessTokenFormat: "opaque",
        }),
      },
    },
  });
  const world: McpAuthorizationServer = {
    url,
    registrations: 0,
    requests: [],
    introspector: INTROSPECTOR,
    close: closing(server),
  };
  provider.on("registration_create.success", () => world.registrations++);
  provider.use(async (ctx, next) => {
    await next();
    // oidc-provider's context for the request: its route and the parameters it read.
    const oidc = (ctx as unknown as { oidc?: { route?: string; params?: Record<string, unknown> } }).oidc;
    const route = oidc?.route;
    if (route === "authorization" || route === "token") {
      const params = oidc?.params;
      world.requests.push({
        route,
        grantType: typeof params?.grant_type === "string" ? params.grant_type : null,
        resource: typeof params?.resource === "string" ? params.resource : null,
      });
    }
  });
  server.on("request", provider.callback());
  return world;
}

export type ProtectedMcpServer = {
  /** The MCP endpoint: the connection's server_url. */
  url: string;
  /** The bearer tokens' subjects and audiences the server accepted. */
  accepted: { sub: string; aud: string }[];
  close: () => Promise<void>;
};

/** Asks the authorization server about a token (RFC 7662): active, for whom, for which resource, with which scopes. */
async function introspect(as: McpAuthorizationServer, token: string) {
  const response = await fetch(`${as.url}/token/introspection`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${as.introspector.clientId}:${as.introspector.clientSecret}`).toString("base64")}`,
    },
    body: new URLSearchParams({ token }),
  });
  return (await response.json()) as { active: boolean; sub?: string; aud?: string | string[]; scope?: string };
}

export async function startProtectedMcpServer(as: McpAuthorizationServer): Promise<ProtectedMcpServer> {
  const issuer = as.url;
  const server = createServer();
  const origin = await listen(server);
  const resource = `${origin}/mcp`;
  const metadataUrl = `${origin}/.well-known/oauth-protected-resource/mcp`;
  const world: ProtectedMcpServer = { url: resource, accepted: [], close: closing(server) };
  server.on("request", async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.url === "/.well-known/oauth-protected-resource/mcp") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ resource, authorization_servers: [issuer], scopes_supported: ["mcp:tools"] }));
      return;
    }
    if (req.url !== "/mcp") {
      res.writeHead(404).end();
      return;
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    let sub: string | undefined;
    let granted: string[] = [];
    if (token) {
      // The audience checked by introspection: a token for another resource is refused here.
      const info = await introspect(as, token);
      const audiences = Array.isArray(info.aud) ? info.aud : info.aud ? [info.aud] : [];
      if (info.active && audiences.includes(resource)) {
        sub = info.sub;
        granted = (info.scope ?? "").split(" ");
        world.accepted.push({ sub: info.sub!, aud: resource });
      }
    }
    if (!sub) {
      res.writeHead(401, { "www-authenticate": `Bearer resource_metadata="${metadataUrl}"` }).end();
      return;
    }
    // The admin tool needs a scope the server does not advertise: step-up authorization.
    const rpc = JSON.parse(Buffer.concat(chunks).toString() || "{}") as { method?: string; params?: { name?: string } };
    if (rpc.method === "tools/call" && rpc.params?.name === "admin" && !granted.includes("mcp:admin")) {
      res
        .writeHead(403, {
          "www-authenticate": `Bearer error="insufficient_scope", scope="mcp:tools mcp:admin", resource_metadata="${metadataUrl}"`,
        })
        .end();
      return;
    }
    const mcp = new McpServer({ name: "test-mcp", version: "1.0.0" });
    mcp.registerTool("admin", { description: "Needs mcp:admin" }, async () => ({
      content: [{ type: "text", text: "admin done" }],
    }));
    mcp.registerTool("whoami", { description: "Who the token is for" }, async () => ({
      content: [{ type: "text", text: `you are ${sub}` }],
    }));
    const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true });
    await mcp.connect(transport);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const answer = await transport.handleRequest(
      new Request(resource, {
        method: req.method,
        headers,
        body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
      }),
    );
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
    await mcp.close();
  });
  return world;
}
