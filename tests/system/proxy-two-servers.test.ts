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
let instanceId: string;
let credentialId: string;
/** Refresh tokens the provider was shown, in order. */
const presented: string[] = [];
/** Every bearer token the upstream received, with the provider's verdict on it and the call's number. */
const seen: { token: string; active: boolean; call: number }[] = [];
/** While set, the provider answers a refresh only once this resolves (to hold a race window open). */
let holdRefresh: Promise<unknown> | undefined;
/** Tokens the API turns away although the provider says they are active (revoked at the API). */
const refusedByApi = new Set<string>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const held = async () => (await readCredentialTokens(db, org.scope, credentialId))!.tokens;
const makeDue = () =>
  db.execute(
    sql`update credential_tokens set next_refresh_at = now() - interval '1 second' where credential_id = ${credentialId}`,
  );
const call = async (server: AppServer, i: number) => {
  const response = await fetch(`${server.url}/api/v1/instances/${instanceId}/connections/files/proxy/me?call=${i}`, {
    headers: { authorization: `Bearer ${org.apiKey}` },
  });
  return {
    status: response.status,
    retry: response.headers.get("latchkey-proxy-retry"),
    body: (await response.json()) as { sub?: string; error?: unknown },
  };
};
/** Both servers at once, interleaved, so that each round's refresh races across processes. */
const burst = () => Promise.all(Array.from({ length: CALLS_PER_SERVER * 2 }, (_, i) => call(i % 2 === 0 ? a : b, i)));

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
      await Promise.all([sleep(300 + Math.random() * 200), holdRefresh]);
      if (!request.aborted()) presented.push(form.get("refresh_token")!);
      return undefined;
    },
  });
  upstream = await startUpstream();
  // The API: a bearer token is good when the provider says it is active and it was not revoked here.
  upstream.answer = (req, res) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
    void introspect(provider.url, clients.basic, token).then(
      (info) => {
        seen.push({
          token,
          active: info.active,
          call: Number(new URL(req.url!, upstream.url).searchParams.get("call")),
        });
        const ok = info.active && !refusedByApi.has(token);
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
  const d = await deployConnection(db, org, "sandbox_proxy_race", clients.basic);
  await connect(db, provider, org.scope, { instanceId: d.instanceId, configVarKey: "files" }, { userId: org.userId });
  instanceId = d.instanceId;
  credentialId = (await getInstance(db, org.scope, d.instanceId)).connections[0]!.credentialId!;
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
    for (let round = 1; round <= ROUNDS; round++) {
      const before = await held();
      const from = { presented: presented.length, seen: seen.length };
      await makeDue();
      const answers = await burst();
      for (const r of answers) expect(r, JSON.stringify(r)).toMatchObject({ status: 200, retry: null });
      const after = await held();
      expect(after.accessToken).not.toBe(before.accessToken);
      // One refresh for the whole burst, with the refresh token that was held.
      expect(presented.slice(from.presented)).toEqual([before.refreshToken]);
      // Nobody went out with the old token: those that did not refresh waited for the lease.
      const round_ = seen.slice(from.seen);
      expect(round_).toHaveLength(CALLS_PER_SERVER * 2);
      expect(new Set(round_.map((s) => s.token))).toEqual(new Set([after.accessToken]));
      expect(round_.every((s) => s.active)).toBe(true);
    }
  }, 60_000);

  it("a token the API refuses on both servers at once: one refresh, every call retried once and served", async () => {
    const before = await held();
    refusedByApi.add(before.accessToken);
    const from = { presented: presented.length, seen: seen.length };
    // The refresh is answered only once calls of both servers were refused: the race is certain.
    const refusedOn = (parity: number) =>
      expect
        .poll(() => seen.slice(from.seen).some((s) => s.token === before.accessToken && s.call % 2 === parity), {
          timeout: 20_000,
        })
        .toBe(true);
    holdRefresh = Promise.all([refusedOn(0), refusedOn(1)]).catch(() => undefined);
    const answers = await burst().finally(() => (holdRefresh = undefined));
    for (const r of answers) expect(r.status, JSON.stringify(r)).toBe(200);
    const after = await held();
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(presented.slice(from.presented)).toEqual([before.refreshToken]);
    // A call either went out with the new token at once, or was refused with the old one and retried.
    const round_ = seen.slice(from.seen);
    for (const s of round_) expect([before.accessToken, after.accessToken]).toContain(s.token);
    expect(round_.filter((s) => s.token === after.accessToken)).toHaveLength(CALLS_PER_SERVER * 2);
    for (const r of answers.filter((x) => x.retry)) expect(r.retry).toMatch(/retried once/);
    // Calls on each server were refused and retried with the token the other may have fetched.
    for (const parity of [0, 1])
      expect(answers.filter((x, i) => i % 2 === parity && x.retry).length).toBeGreaterThan(0);
    expect(await introspect(provider.url, clients.basic, after.accessToken)).toMatchObject({ active: true });
  }, 60_000);

  it("the provider never saw a refresh token twice, the connection is green, and no secret reached a log", async () => {
    expect(presented).toHaveLength(ROUNDS + 1);
    expect(new Set(presented).size).toBe(presented.length);
    expect((await getInstance(db, org.scope, instanceId)).connections[0]).toMatchObject({ status: "green" });

    const now = await held();
    const secrets = new Set([
      ...presented,
      ...seen.map((s) => s.token),
      now.accessToken,
      now.refreshToken,
      clients.basic.clientSecret,
      org.apiKey,
      process.env.LATCHKEY_MASTER_KEY!,
      process.env.AUTH_SECRET!,
      process.env.CRON_SECRET!,
    ]);
    for (const server of [a, b]) {
      const output = server.output();
      for (const secret of secrets)
        if (secret) expect(output.includes(secret), `a secret in the log:\n${output}`).toBe(false);
    }
  });
});
