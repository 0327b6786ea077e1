import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { readCredentialTokens } from "@/lib/credentials/secrets";
import { getInstance } from "@/lib/instances/service";
import { startSandboxProvider, type SandboxProvider } from "@/lib/sandbox-provider";
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
import { startUpstream, type Upstream } from "../support/proxy-world";
import { startAppServer, type AppServer } from "./servers";

// The proxy's refresh in the path as it runs in production: two Next.js servers on one real
// PostgreSQL, many proxied calls sent to both at once while the connection's token is due (or just
// refused by the API), against an oidc-provider that rotates refresh tokens and revokes the whole
// grant when one is shown twice, through an upstream that introspects every bearer token at the
// provider. The provider is the judge: each refresh token is presented once only. Then neither
// server's output may hold a secret.

const CALLS_PER_SERVER = 12;
const ROUNDS = 3;

let db: Db;
let provider: SandboxProvider;
let upstream: Upstream;
let org: Org;
let a: AppServer;
let b: AppServer;
/** Refresh tokens the provider was shown, in order. */
const presented: string[] = [];
/** Every bearer token the upstream received, with the provider's verdict on it and the call's number. */
const seen: { token: string; active: boolean; call: number }[] = [];
/** While set, the API answers a refused token only once this resolves (so that both servers are refused). */
let holdRefusal: Promise<unknown> | undefined;
/** Tokens the API turns away although the provider says they are active (revoked at the API). */
const refusedByApi = new Set<string>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A connection of its own for each test, authorized at the provider. */
async function connected() {
  const d = await deployConnection(db, org, "sandbox_proxy_race", clients.basic);
  await connect(db, provider, org.scope, { instanceId: d.instanceId, configVarKey: "files" }, { userId: org.userId });
  const credentialId = (await getInstance(db, org.scope, d.instanceId)).connections[0]!.credentialId!;
  const call = async (server: AppServer, i: number) => {
    const response = await fetch(
      `${server.url}/api/v1/instances/${d.instanceId}/connections/files/proxy/me?call=${i}`,
      { headers: { authorization: `Bearer ${org.apiKey}` } },
    );
    return {
      status: response.status,
      retry: response.headers.get("latchkey-proxy-retry"),
      body: (await response.json()) as { sub?: string; error?: unknown },
    };
  };
  return {
    instanceId: d.instanceId,
    held: async () => (await readCredentialTokens(db, org.scope, credentialId))!.tokens,
    makeDue: () =>
      db.execute(
        sql`update credential_tokens set next_refresh_at = now() - interval '1 second' where credential_id = ${credentialId}`,
      ),
    /** Both servers at once, interleaved, so that the refresh races across processes. */
    burst: () => Promise.all(Array.from({ length: CALLS_PER_SERVER * 2 }, (_, i) => call(i % 2 === 0 ? a : b, i))),
    status: async () => (await getInstance(db, org.scope, d.instanceId)).connections[0]!.status,
  };
}

/** No token, key or secret of this run in either server's output (the failure names none of them). */
function expectNoSecretInOutput() {
  const secrets: [string, string | undefined][] = [
    ...presented.map((t) => ["a refresh token", t] as [string, string]),
    ...seen.map((s) => ["an access token", s.token] as [string, string]),
    ["the OAuth client secret", clients.basic.clientSecret],
    ["the organization API key", org.apiKey],
    ["the master key", process.env.LATCHKEY_MASTER_KEY],
    ["the auth secret", process.env.AUTH_SECRET],
    ["the cron secret", process.env.CRON_SECRET],
  ];
  for (const [name, server] of [
    ["A", a],
    ["B", b],
  ] as const) {
    const output = server.output();
    for (const [what, secret] of secrets)
      if (secret) expect(output.includes(secret), `${what} in server ${name}'s output`).toBe(false);
  }
}

beforeAll(async () => {
  if (!process.env.DATABASE_URL)
    throw new Error(
      "The system tests need a real PostgreSQL server: run them through `npm test` (or set DATABASE_URL)",
    );
  db = await getDb();
  provider = await startSandboxProvider({
    // Long-lived: a token is due only when the test says so, never by the clock of a busy machine.
    accessTokenTtlSeconds: 3600,
    clients: [{ ...clients.basic, redirectUris: [CALLBACK] }],
    onTokenRequest: async (form, request) => {
      if (form.get("grant_type") !== "refresh_token") return undefined;
      // Latency widens the window in which the other server's calls arrive.
      await sleep(300 + Math.random() * 200);
      if (!request.aborted()) presented.push(form.get("refresh_token")!);
      return undefined;
    },
  });
  upstream = await startUpstream();
  // The API: a bearer token is good when the provider says it is active and it was not revoked here.
  upstream.answer = (req, res) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
    void introspect(provider.url, clients.basic, token).then(
      async (info) => {
        seen.push({
          token,
          active: info.active,
          call: Number(new URL(req.url!, upstream.url).searchParams.get("call")),
        });
        const ok = info.active && !refusedByApi.has(token);
        if (!ok) await holdRefusal;
        res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
        res.end(JSON.stringify(ok ? { sub: info.sub } : { error: "invalid_token" }));
      },
      (error: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(error));
      },
    );
  };
  org = await makeOrg(db);
  await sandboxType(db, org, provider, { key: "sandbox_proxy_race", proxy: { baseUrl: `${upstream.url}/api` } });
  [a, b] = await Promise.all([startAppServer(), startAppServer()]);
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  // This provider is going away: its token must not fall due in the cron calls of later files.
  if (db && org)
    await db.execute(
      sql`update credential_tokens set next_refresh_at = now() + interval '30 days' where organization_id = ${org.organizationId}`,
    );
  await upstream?.close();
  await provider?.close();
});

describe("the proxy on two servers, one database, a rotating provider", () => {
  it("a due token: every concurrent call on both servers goes out with the one refreshed token", async () => {
    const c = await connected();
    const from = presented.length;
    for (let round = 1; round <= ROUNDS; round++) {
      const before = await c.held();
      const since = { presented: presented.length, seen: seen.length };
      await c.makeDue();
      const answers = await c.burst();
      for (const r of answers) expect(r, JSON.stringify(r)).toMatchObject({ status: 200, retry: null });
      const after = await c.held();
      expect(after.accessToken === before.accessToken, "the token was not replaced").toBe(false);
      // One refresh for the whole burst, with the refresh token that was held.
      expect(presented.slice(since.presented).map((t) => t === before.refreshToken)).toEqual([true]);
      // Nobody went out with the old token: those that did not refresh waited for the lease.
      const round_ = seen.slice(since.seen);
      expect(round_).toHaveLength(CALLS_PER_SERVER * 2);
      expect(round_.filter((s) => s.token !== after.accessToken).length, "calls sent with another token").toBe(0);
      expect(round_.filter((s) => !s.active).length, "calls sent with a token the provider refuses").toBe(0);
    }
    const mine = presented.slice(from);
    expect(mine).toHaveLength(ROUNDS);
    expect(new Set(mine).size, "a refresh token presented twice").toBe(mine.length);
    expect(await c.status()).toBe("green");
    expectNoSecretInOutput();
  }, 60_000);

  // The race is made certain by holding the API's refusals of the old token until it has received
  // that token from both servers: nothing is refused (so nothing made due) before each server has
  // sent a call with it. Holding the refresh instead (until both servers were refused) deadlocks on
  // a busy machine: a server whose calls start after the other's refusal finds the token due and
  // rightly waits for the other's lease, so it is never refused, and the held refresh times out.
  it("a token the API refuses on both servers at once: one refresh, every call retried once and served", async () => {
    const c = await connected();
    const before = await c.held();
    refusedByApi.add(before.accessToken);
    const since = { presented: presented.length, seen: seen.length };
    const sentBy = (parity: number) =>
      expect
        .poll(() => seen.slice(since.seen).some((s) => s.token === before.accessToken && s.call % 2 === parity), {
          timeout: 20_000,
        })
        .toBe(true);
    holdRefusal = Promise.all([sentBy(0), sentBy(1)]).catch(() => undefined);
    const answers = await c.burst().finally(() => (holdRefusal = undefined));
    for (const r of answers) expect(r.status, JSON.stringify(r)).toBe(200);
    const after = await c.held();
    expect(after.accessToken === before.accessToken, "the token was not replaced").toBe(false);
    // One refresh for both servers: the provider never saw a refresh token twice.
    expect(presented.slice(since.presented).map((t) => t === before.refreshToken)).toEqual([true]);
    // A call either went out with the new token at once, or was refused with the old one and retried.
    const round_ = seen.slice(since.seen);
    const other = round_.filter((s) => s.token !== before.accessToken && s.token !== after.accessToken);
    expect(other.length, "calls sent with a third token").toBe(0);
    expect(round_.filter((s) => s.token === after.accessToken && s.active)).toHaveLength(CALLS_PER_SERVER * 2);
    for (const r of answers.filter((x) => x.retry)) expect(r.retry).toMatch(/retried once/);
    // Calls on each server were refused and retried with the token the other may have fetched.
    for (const parity of [0, 1])
      expect(answers.filter((x, i) => i % 2 === parity && x.retry).length).toBeGreaterThan(0);
    expect(await introspect(provider.url, clients.basic, after.accessToken)).toMatchObject({ active: true });
    expect(await c.status()).toBe("green");
    expectNoSecretInOutput();
  }, 60_000);
});
