import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { readCredentialTokens } from "@/lib/credentials/secrets";
import { getInstance } from "@/lib/instances/service";
import type { SandboxProvider, TokenRequestAnswer } from "@/lib/sandbox-provider";
import { startSandboxProvider } from "@/lib/sandbox-provider";
import {
  CALLBACK,
  clients,
  connect,
  deployConnection,
  makeOrg,
  sandboxType,
  type Org,
} from "../support/oauth-fixtures";
import { introspect } from "../support/provider-session";
import { callProxy, startUpstream, type Upstream } from "../support/proxy-world";

// Refresh in the proxy's path, against a real oidc-provider that rotates refresh tokens (and revokes
// the grant when one is shown twice) and an upstream that introspects each bearer token there: a due
// token is renewed before the call, a refused one once before one retry, concurrent calls share one
// refresh, and a refresh the provider refuses marks the connection for re-authorization.

let db: Db;
let provider: SandboxProvider;
let upstream: Upstream;
let org: Org;
const presented: string[] = [];
let fault: ((form: URLSearchParams) => TokenRequestAnswer | undefined) | undefined;
/** Tokens the upstream refuses even while the provider says they are active (revoked at the API). */
const refusedByApi = new Set<string>();

beforeAll(async () => {
  db = await getDb();
  provider = await startSandboxProvider({
    accessTokenTtlSeconds: 300,
    clients: [{ ...clients.basic, redirectUris: [CALLBACK] }],
    onTokenRequest: (form) => {
      if (form.get("grant_type") === "refresh_token") presented.push(form.get("refresh_token")!);
      return fault?.(form);
    },
  });
  upstream = await startUpstream();
  org = await makeOrg(db);
  await sandboxType(db, org, provider, { key: "px_oauth", proxy: { baseUrl: `${upstream.url}/api` } });
  // Like Salesforce's instance_url: a base URL filled from a field of the provider's token answer.
  await sandboxType(db, org, provider, {
    key: "px_kept",
    oauth: { keepTokenFields: ["scope"] },
    proxy: { baseUrl: `${upstream.url}/api/{{scope}}` },
  });
  // Tokens other files left behind belong to providers that are gone: out of the way of these runs.
  await db.execute(
    sql`update credential_tokens set next_refresh_at = now() + interval '30 days' where next_refresh_at is not null`,
  );
});

beforeEach(() => {
  fault = undefined;
  upstream.received.length = 0;
  // The API: a bearer token is good when the provider says it is active and it was not revoked here.
  upstream.answer = (req, res) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
    void introspect(provider.url, clients.basic, token).then((info) => {
      const ok = info.active && !refusedByApi.has(token);
      res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
      res.end(JSON.stringify(ok ? { sub: info.sub } : { error: "invalid_token" }));
    });
  };
});

afterAll(async () => {
  await upstream.close();
  await provider.close();
});

async function connected(typeKey = "px_oauth") {
  const d = await deployConnection(db, org, typeKey, clients.basic);
  await connect(db, provider, org.scope, { instanceId: d.instanceId, configVarKey: "files" }, { userId: org.userId });
  const credentialId = (await getInstance(db, org.scope, d.instanceId)).connections[0]!.credentialId!;
  const call = (path = "me", init?: Parameters<typeof callProxy>[1], method?: string) =>
    callProxy({ instanceId: d.instanceId, key: "files", apiKey: org.apiKey, path, method }, init);
  return { ...d, credentialId, call };
}
const tokensOf = async (credentialId: string) => (await readCredentialTokens(db, org.scope, credentialId))!;
const makeDue = (credentialId: string) =>
  db.execute(
    sql`update credential_tokens set next_refresh_at = now() - interval '1 second' where credential_id = ${credentialId}`,
  );
const bearerSeen = () => upstream.received.map((r) => r.headers.authorization);

describe("the proxy and the refresh lease", () => {
  it("sends the held access token as a bearer token, which the provider confirms", async () => {
    const c = await connected();
    const held = await tokensOf(c.credentialId);
    const response = await c.call();
    expect(response.status).toBe(200);
    expect(bearerSeen()).toEqual([`Bearer ${held.tokens.accessToken}`]);
  });

  it("a base URL templated from the kept token answer is filled with the provider's value, encoded", async () => {
    const c = await connected("px_kept");
    const kept = (await tokensOf(c.credentialId)).tokens.metadata.scope;
    expect(kept).toEqual(expect.stringContaining("offline_access"));
    const response = await c.call("me");
    expect(response.status).toBe(200);
    expect(upstream.received.map((r) => r.url)).toEqual([`/api/${encodeURIComponent(String(kept))}/me`]);
  });

  it("refreshes a due token before the call, and calls with the new one", async () => {
    const c = await connected();
    const before = await tokensOf(c.credentialId);
    await makeDue(c.credentialId);
    const response = await c.call();
    expect(response.status).toBe(200);
    const after = await tokensOf(c.credentialId);
    expect(after.tokens.accessToken).not.toBe(before.tokens.accessToken);
    expect(bearerSeen()).toEqual([`Bearer ${after.tokens.accessToken}`]);
    expect(presented.filter((t) => t === before.tokens.refreshToken)).toHaveLength(1);
  });

  it("a token the API refuses is refreshed once and the call retried once", async () => {
    const c = await connected();
    const before = await tokensOf(c.credentialId);
    refusedByApi.add(before.tokens.accessToken);
    const response = await c.call("files?limit=1", { body: JSON.stringify({ q: 1 }) }, "POST");
    expect(response.status).toBe(200);
    expect(response.headers.get("latchkey-proxy-retry")).toMatch(/retried once/);
    const after = await tokensOf(c.credentialId);
    expect(bearerSeen()).toEqual([`Bearer ${before.tokens.accessToken}`, `Bearer ${after.tokens.accessToken}`]);
    // The retry carried the same body.
    expect(upstream.received.map((r) => r.bodyBytes)).toEqual([7, 7]);
    expect(presented.filter((t) => t === before.tokens.refreshToken)).toHaveLength(1);
    expect((await getInstance(db, org.scope, c.instanceId)).connections[0]!.status).toBe("green");
  });

  it("concurrent calls refused at once share one refresh: no refresh token is presented twice", async () => {
    const c = await connected();
    const before = await tokensOf(c.credentialId);
    refusedByApi.add(before.tokens.accessToken);
    const count = presented.length;
    const answers = await Promise.all(Array.from({ length: 8 }, () => c.call()));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(presented.length - count).toBe(1);
    expect(new Set(presented).size).toBe(presented.length);
    const after = await tokensOf(c.credentialId);
    expect(await introspect(provider.url, clients.basic, after.tokens.accessToken)).toMatchObject({ active: true });
  });

  it("a refresh held by another server's lease is waited for, not repeated", async () => {
    const { claimOne } = await import("@/lib/refresh/claim");
    const { refreshClaim } = await import("@/lib/refresh/refresh-claim");
    const { refreshSettings } = await import("@/lib/refresh/settings");
    const c = await connected();
    const before = await tokensOf(c.credentialId);
    refusedByApi.add(before.tokens.accessToken);
    // Another server claims the refresh and holds the lease while the proxied call comes in (the
    // token is not due by the clock, so only the API's refusal sends the call to the lease).
    await makeDue(c.credentialId);
    const claim = (await claimOne(db, c.credentialId, 20_000))!;
    expect(claim).toBeDefined();
    await db.execute(
      sql`update credential_tokens set next_refresh_at = now() + interval '1 hour' where credential_id = ${c.credentialId}`,
    );
    const count = presented.length;
    const call = c.call();
    await expect.poll(() => upstream.received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    expect(await refreshClaim(db, claim, refreshSettings())).toBe("refreshed");
    const response = await call;
    expect(response.status).toBe(200);
    expect(presented.length - count).toBe(1);
    const after = await tokensOf(c.credentialId);
    expect(bearerSeen().at(-1)).toBe(`Bearer ${after.tokens.accessToken}`);
  });

  it("a body larger than 1 MiB is not retried, and the answer says why", async () => {
    const c = await connected();
    const before = await tokensOf(c.credentialId);
    refusedByApi.add(before.tokens.accessToken);
    const count = presented.length;
    const response = await c.call("upload", { body: new Uint8Array(2 * 1024 * 1024) }, "PUT");
    expect(response.status).toBe(401);
    expect(response.headers.get("latchkey-proxy-retry")).toMatch(/larger than 1 MiB/);
    expect(upstream.received).toHaveLength(1);
    expect(upstream.received[0]!.bodyBytes).toBe(2 * 1024 * 1024);
    expect(presented.length).toBe(count);
  });

  it("a refresh the provider refuses marks the connection for re-authorization; the next call is told to CONNECT", async () => {
    const c = await connected();
    const before = await tokensOf(c.credentialId);
    refusedByApi.add(before.tokens.accessToken);
    fault = (form) =>
      form.get("grant_type") === "refresh_token"
        ? { status: 400, body: JSON.stringify({ error: "invalid_grant", error_description: "grant revoked" }) }
        : undefined;
    const response = await c.call();
    expect(response.status).toBe(401);
    expect(response.headers.get("latchkey-proxy-retry")).toMatch(/not retried: Re-authorization needed/);
    const connection = (await getInstance(db, org.scope, c.instanceId)).connections[0]!;
    expect(connection.status).toBe("red");
    expect(connection.statusReason).toMatch(/Re-authorization needed/);
    const next = await c.call();
    expect(next.status).toBe(409);
    expect((await next.json()).error.message).toMatch(/press CONNECT/);
    expect(upstream.received).toHaveLength(1);
  });

  it("a connection not authorized yet: 409 that says to press CONNECT, nothing sent", async () => {
    const d = await deployConnection(db, org, "px_oauth", clients.basic);
    const response = await callProxy({ instanceId: d.instanceId, key: "files", apiKey: org.apiKey, path: "me" });
    expect(response.status).toBe(409);
    expect((await response.json()).error.message).toMatch(/press CONNECT/);
    expect(upstream.received).toHaveLength(0);
  });
});
