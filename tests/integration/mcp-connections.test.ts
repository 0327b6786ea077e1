import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { mcpClientRegistrations } from "@/db/schema";
import * as clientMetadataRoute from "@/app/oauth/client-metadata.json/route";
import { env } from "@/lib/env";
import { getInstance } from "@/lib/instances/service";
import { setInstanceConnection } from "@/lib/instances/connections";
import { deployInstance } from "@/lib/instances/service";
import { createIntegration } from "@/lib/integrations/service";
import { integrationInput } from "@/lib/integrations/schemas";
import { startAuthorization } from "@/lib/oauth/authorize";
import { handleCallback } from "@/lib/oauth/callback";
import { proxyCall } from "@/lib/proxy/call";
import { readCredentialTokens } from "@/lib/credentials/secrets";
import { makeOrg, type Org } from "../support/oauth-fixtures";
import { authorizeAtProvider } from "../support/provider-session";
import {
  startMcpAuthorizationServer,
  startProtectedMcpServer,
  type McpAuthorizationServer,
  type ProtectedMcpServer,
} from "../support/mcp-world";

// Issue 18, part 1: a connection of kind `mcp` to a real MCP server (the official SDK) whose real
// authorization server (oidc-provider) registers clients dynamically and issues tokens only for a
// resource named in the request. CONNECT discovers both from the server's 401, registers once,
// authorizes with PKCE and `resource`; the proxy then reaches the server with the token, and a
// renewed token is for the server too.

let db: Db;
let as: McpAuthorizationServer;
let mcp: ProtectedMcpServer;
let org: Org;

beforeAll(async () => {
  db = await getDb();
  as = await startMcpAuthorizationServer();
  mcp = await startProtectedMcpServer(as);
  org = await makeOrg(db);
});
afterAll(async () => {
  await mcp?.close();
  await as?.close();
});

/** An integration with one MCP connection, deployed, its server URL set by the customer. */
async function deployMcp(serverUrl: string) {
  const integration = await createIntegration(
    db,
    org.organizationId,
    integrationInput.parse({
      name: `Agent ${randomUUID()}`,
      configVariables: [{ key: "tools", label: "Tools server", connectionType: "mcp" }],
    }),
  );
  const instance = await deployInstance(
    db,
    org.scope,
    { integrationId: integration.id, customerId: org.customerId, name: `Agent ${randomUUID().slice(0, 8)}` },
    null,
  );
  const customer = { organizationId: org.organizationId, customerId: org.customerId };
  await setInstanceConnection(
    db,
    customer,
    instance.id,
    "tools",
    { values: { server_url: serverUrl } },
    "customer",
    null,
  );
  return { instanceId: instance.id, target: { instanceId: instance.id, configVarKey: "tools" } };
}

const initialize = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "agent", version: "1" } },
});
const throughProxy = (instanceId: string, body = initialize) =>
  proxyCall(db, org.scope, instanceId, "tools", {
    method: "POST",
    rawPath: "",
    search: "",
    headers: new Headers({ "content-type": "application/json", accept: "application/json, text/event-stream" }),
    body: new Blob([body]).stream(),
  });

describe("an MCP server connection", () => {
  it("CONNECT discovers, registers once, authorizes with PKCE and resource; the proxy reaches the server; a renewed token is for the server too", async () => {
    const d = await deployMcp(mcp.url);
    const { url } = await startAuthorization(db, org.scope, d.target, { userId: org.userId });
    const authorization = new URL(url);
    expect(authorization.origin).toBe(as.url);
    expect(authorization.searchParams.get("resource")).toBe(mcp.url);
    expect(authorization.searchParams.get("code_challenge_method")).toBe("S256");
    expect(as.registrations).toBe(1);
    const [registration] = await db
      .select()
      .from(mcpClientRegistrations)
      .where(eq(mcpClientRegistrations.organizationId, org.organizationId));
    expect(registration).toMatchObject({ resource: mcp.url, issuer: as.url, method: "dynamic_registration" });
    expect(authorization.searchParams.get("client_id")).toBeTruthy();
    // Sealed: the client's secret is not in the row.
    expect(registration!.sealed).not.toContain(authorization.searchParams.get("client_id")!);

    const back = await authorizeAtProvider(url, as.url);
    expect(back.searchParams.get("iss")).toBe(as.url);
    const result = await handleCallback(db, back.searchParams);
    expect(result.ok).toBe(true);
    const connection = (await getInstance(db, org.scope, d.instanceId)).connections[0]!;
    expect(connection.status).not.toBe("red");
    expect(connection.authorization?.refreshable).toBe(true);

    const answer = await throughProxy(d.instanceId);
    expect(answer.status).toBe(200);
    expect(JSON.stringify(await answer.json())).toContain("test-mcp");
    expect(mcp.accepted.at(-1)).toMatchObject({ aud: mcp.url });

    // Due now: the proxy renews it first (with resource, or the server would refuse the new token).
    const seen = mcp.accepted.length;
    await db.execute(
      sql`update credential_tokens set next_refresh_at = now() - interval '1 second' where credential_id = ${connection.credentialId}`,
    );
    const after = await throughProxy(
      d.instanceId,
      JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "whoami", arguments: {} } }),
    );
    expect(after.status).toBe(200);
    expect(JSON.stringify(await after.json())).toContain("you are alice");
    expect(mcp.accepted.length).toBe(seen + 1);
    const renewed = (await getInstance(db, org.scope, d.instanceId)).connections[0]!;
    expect(renewed.authorization?.lastRefreshedAt).toBeTruthy();

    // The provider's own log: resource on the authorization, the code exchange and the refresh.
    const ours = as.requests.filter((r) => r.route === "authorization" || r.grantType !== null);
    for (const kind of ["authorization", "authorization_code", "refresh_token"]) {
      const seenOf = ours.filter((r) => (r.route === "authorization" ? "authorization" : r.grantType) === kind);
      expect(seenOf.length, kind).toBeGreaterThan(0);
      for (const r of seenOf) expect(r.resource, kind).toBe(mcp.url);
    }

    // A token for this server is refused by another server of the same authorization server.
    const tokens = await readCredentialTokens(db, org.scope, connection.credentialId!);
    const elsewhere = await startProtectedMcpServer(as);
    try {
      const refused = await fetch(elsewhere.url, {
        method: "POST",
        headers: { authorization: `Bearer ${tokens!.tokens.accessToken}`, "content-type": "application/json" },
        body: initialize,
      });
      expect(refused.status).toBe(401);
    } finally {
      await elsewhere.close();
    }

    // Another connection to the same server: the registration is reused.
    const again = await deployMcp(mcp.url);
    await startAuthorization(db, org.scope, again.target, { userId: org.userId });
    expect(as.registrations).toBe(1);
  });

  it("step-up: a 403 insufficient_scope marks the connection, and the next CONNECT asks for the union", async () => {
    const d = await deployMcp(mcp.url);
    const first = await startAuthorization(db, org.scope, d.target, { userId: org.userId });
    expect(new URL(first.url).searchParams.get("scope")).toBe("mcp:tools");
    expect((await handleCallback(db, (await authorizeAtProvider(first.url, as.url)).searchParams)).ok).toBe(true);
    const admin = JSON.stringify({
      jsonrpc: "2.0",
      id: 3,
      method: "tools/call",
      params: { name: "admin", arguments: {} },
    });
    expect((await throughProxy(d.instanceId, admin)).status).toBe(403);
    const marked = (await getInstance(db, org.scope, d.instanceId)).connections[0]!;
    expect(marked.status).toBe("red");
    expect(marked.statusReason).toContain("asks for more scopes: mcp:tools mcp:admin");

    const second = await startAuthorization(db, org.scope, d.target, { userId: org.userId });
    expect(new URL(second.url).searchParams.get("scope")!.split(" ").sort()).toEqual(["mcp:admin", "mcp:tools"]);
    expect((await handleCallback(db, (await authorizeAtProvider(second.url, as.url)).searchParams)).ok).toBe(true);
    const done = await throughProxy(d.instanceId, admin);
    expect(done.status).toBe(200);
    expect(JSON.stringify(await done.json())).toContain("admin done");
    const third = await startAuthorization(db, org.scope, d.target, { userId: org.userId });
    expect(new URL(third.url).searchParams.get("scope")).toBe("mcp:tools");
  });

  it("says what is wrong with a server that names no authorization server, or cannot be reached", async () => {
    const silent = await deployMcp(`${as.url}/no-mcp-here`);
    await expect(startAuthorization(db, org.scope, silent.target, { userId: org.userId })).rejects.toThrow(
      /publishes no protected resource metadata/,
    );
    const gone = await deployMcp("http://127.0.0.1:9/mcp");
    await expect(startAuthorization(db, org.scope, gone.target, { userId: org.userId })).rejects.toThrow(
      /could not be reached/,
    );
  });

  it("serves Latchkey's client ID metadata document", async () => {
    const response = clientMetadataRoute.GET();
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      client_id: `${env.baseUrl}/oauth/client-metadata.json`,
      redirect_uris: [`${env.baseUrl}/api/oauth/callback`],
      token_endpoint_auth_method: "none",
    });
  });
});
