import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { connectionLogs, credentialTokens } from "@/db/schema";
import { GET as cronGET, POST as cronPOST } from "@/app/api/cron/refresh/route";
import { readCredentialTokens } from "@/lib/credentials/secrets";
import { getInstance } from "@/lib/instances/service";
import { claimDue } from "@/lib/refresh/claim";
import { runRefresh } from "@/lib/refresh/run";
import type { RefreshSettings } from "@/lib/refresh/settings";
import { connectionRuntimeValues } from "@/lib/runtime/values";
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

// Token refresh against a real oidc-provider that rotates refresh tokens and revokes the grant when
// one is used twice. A hook in front of its token endpoint injects faults (5xx, 429, a slow answer,
// a garbled body, an answer without refresh token or expiry) and records every refresh token it is
// shown, so that "never presented twice" is checked where it matters: at the provider.

let db: Db;
let provider: SandboxProvider;
let org: Org;
let fault:
  ((form: URLSearchParams) => Promise<TokenRequestAnswer | undefined> | TokenRequestAnswer | undefined) | undefined;
const presented: string[] = [];

const settings: RefreshSettings = {
  windowMs: 600_000,
  concurrency: 4,
  maxFailures: 3,
  requestTimeoutMs: 1_000,
  leaseMs: 5_000,
  defaultExpiresInSeconds: 1_800,
};
const json = (status: number, body: unknown, headers: Record<string, string> = {}): TokenRequestAnswer => ({
  status,
  body: JSON.stringify(body),
  headers,
});

async function connected() {
  const d = await deployConnection(db, org, "sandbox_refresh", clients.basic);
  await connect(db, provider, org.scope, { instanceId: d.instanceId, configVarKey: "files" }, { userId: org.userId });
  const credentialId = (await getInstance(db, org.scope, d.instanceId)).connections[0]!.credentialId!;
  return { ...d, credentialId };
}

const makeDue = (credentialId: string) =>
  db.execute(
    sql`update credential_tokens set next_refresh_at = now() - interval '1 second' where credential_id = ${credentialId}`,
  );
const tokensOf = (credentialId: string) => readCredentialTokens(db, org.scope, credentialId);
const rowOf = async (credentialId: string) =>
  (
    await db
      .select()
      .from(credentialTokens)
      .where(sql`${credentialTokens.credentialId} = ${credentialId}`)
  )[0]!;
const statusOf = async (instanceId: string) => (await getInstance(db, org.scope, instanceId)).connections[0]!;
const eventsOf = async (credentialId: string) =>
  (
    await db
      .select()
      .from(connectionLogs)
      .where(sql`${connectionLogs.credentialId} = ${credentialId}`)
      .orderBy(connectionLogs.createdAt)
  ).map((l) => `${l.level}:${l.event}`);

beforeAll(async () => {
  db = await getDb();
  provider = await startSandboxProvider({
    accessTokenTtlSeconds: 120,
    clients: [
      { ...clients.basic, redirectUris: [CALLBACK] },
      { ...clients.machine, clientCredentials: true },
    ],
    onTokenRequest: async (form) => {
      if (form.get("grant_type") === "refresh_token") presented.push(form.get("refresh_token")!);
      return fault?.(form);
    },
  });
  org = await makeOrg(db);
  await sandboxType(db, org, provider, { key: "sandbox_refresh" });
  await sandboxType(db, org, provider, { key: "sandbox_machine", kind: "oauth2_client_credentials" });
  // Tokens other test files left behind belong to providers that are gone: out of these runs' way.
  await db.execute(
    sql`update credential_tokens set next_refresh_at = now() + interval '30 days' where next_refresh_at is not null`,
  );
});

beforeEach(() => {
  fault = undefined;
});

afterAll(() => provider.close());

describe("the cron route", () => {
  it("answers 401 without the secret, with a wrong one, and with a Basic header; runs with the right one", async () => {
    const call = (handler: typeof cronGET, authorization?: string) =>
      handler(
        new Request("http://localhost/api/cron/refresh", {
          method: handler === cronGET ? "GET" : "POST",
          headers: authorization ? { authorization } : {},
        }),
      );
    for (const header of [
      undefined,
      "Bearer wrong",
      `Basic ${process.env.CRON_SECRET}`,
      `Bearer ${process.env.CRON_SECRET}x`,
    ]) {
      const response = await call(cronGET, header);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
    }
    for (const handler of [cronGET, cronPOST]) {
      const response = await call(handler, `Bearer ${process.env.CRON_SECRET}`);
      expect(response.status).toBe(200);
      // The same round sweeps webhook deliveries, and says so beside the refresh's counts.
      const answer = (await response.json()) as Record<string, unknown>;
      expect(Object.keys(answer).sort()).toEqual(["due", "failed", "ms", "refreshed", "skipped", "webhooks"]);
      expect(Object.keys(answer.webhooks as object).sort()).toEqual([
        "claimed",
        "delivered",
        "failed",
        "ms",
        "pruned",
        "retrying",
      ]);
    }
  });
});

describe("a refresh", () => {
  it("stores the new access token, the rotated refresh token and the expiry from before the request, and logs it", async () => {
    const c = await connected();
    const before = (await tokensOf(c.credentialId))!;
    await makeDue(c.credentialId);
    const requestedAt = Date.now();
    expect(await runRefresh(db, { settings })).toMatchObject({ due: 1, refreshed: 1, failed: 0, skipped: 0 });

    const after = (await tokensOf(c.credentialId))!;
    expect(after.tokens.accessToken).not.toBe(before.tokens.accessToken);
    expect(after.tokens.refreshToken).not.toBe(before.tokens.refreshToken);
    expect(after.expiresAt!.getTime()).toBeGreaterThanOrEqual(requestedAt + 120_000 - 1_000);
    expect(after.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 120_000);
    expect(after.nextRefreshAt!.getTime()).toBeLessThan(after.expiresAt!.getTime());
    expect(await introspect(provider.url, clients.basic, after.tokens.accessToken)).toMatchObject({ active: true });
    // The provider rotated: the old refresh token is dead, and Latchkey never showed it again.
    expect(await introspect(provider.url, clients.basic, before.tokens.refreshToken!)).toMatchObject({ active: false });
    expect(presented.filter((t) => t === before.tokens.refreshToken)).toHaveLength(1);
    expect(await eventsOf(c.credentialId)).toContain("info:refreshed");
    expect(await statusOf(c.instanceId)).toMatchObject({ status: "green" });
    expect(await rowOf(c.credentialId)).toMatchObject({ leaseHolder: null, leaseUntil: null, consecutiveFailures: 0 });
  });

  it("a wizard-made credential refreshes with the client its integration keeps as hidden defaults (loaded with the claim)", async () => {
    const { createIntegration } = await import("@/lib/integrations/service");
    const { integrationInput } = await import("@/lib/integrations/schemas");
    const { deployInstance } = await import("@/lib/instances/service");
    const integration = await createIntegration(
      db,
      org.organizationId,
      integrationInput.parse({
        name: `Hidden client ${Date.now()}`,
        configVariables: [
          {
            key: "files",
            label: "Files account",
            connectionType: "sandbox_refresh",
            fields: {
              client_id: { visibility: "hidden", default: clients.basic.clientId },
              client_secret: { visibility: "hidden", default: clients.basic.clientSecret },
            },
          },
        ],
      }),
    );
    const instance = await deployInstance(
      db,
      org.scope,
      { integrationId: integration.id, customerId: org.customerId, name: "Hidden client files" },
      null,
    );
    await connect(db, provider, org.scope, { instanceId: instance.id, configVarKey: "files" }, { userId: org.userId });
    const credentialId = (await getInstance(db, org.scope, instance.id)).connections[0]!.credentialId!;
    const before = (await tokensOf(credentialId))!;
    await makeDue(credentialId);
    expect(await runRefresh(db, { settings })).toMatchObject({ due: 1, refreshed: 1, failed: 0 });
    const after = (await tokensOf(credentialId))!;
    expect(after.tokens.accessToken).not.toBe(before.tokens.accessToken);
    expect(await introspect(provider.url, clients.basic, after.tokens.accessToken)).toMatchObject({ active: true });
  });

  it("keeps the refresh token when the answer has none, and applies the default lifetime when it states none", async () => {
    const c = await connected();
    const before = (await tokensOf(c.credentialId))!;
    fault = () => json(200, { access_token: "plain-access-token-without-rotation", token_type: "Bearer" });
    await makeDue(c.credentialId);
    const requestedAt = Date.now();
    expect(await runRefresh(db, { settings })).toMatchObject({ refreshed: 1 });
    const after = (await tokensOf(c.credentialId))!;
    expect(after.tokens).toMatchObject({
      accessToken: "plain-access-token-without-rotation",
      refreshToken: before.tokens.refreshToken,
    });
    expect(Math.abs(after.expiresAt!.getTime() - (requestedAt + 1_800_000))).toBeLessThan(5_000);

    // The kept refresh token is still the grant's: the next refresh at the real provider works.
    fault = undefined;
    await makeDue(c.credentialId);
    expect(await runRefresh(db, { settings })).toMatchObject({ refreshed: 1, failed: 0 });
  });

  it("fetches a new client credentials token when it is due", async () => {
    const d = await deployConnection(db, org, "sandbox_machine", null);
    const { setInstanceConnection } = await import("@/lib/instances/connections");
    await setInstanceConnection(
      db,
      org.scope,
      d.instanceId,
      "files",
      { values: { client_id: clients.machine.clientId, client_secret: clients.machine.clientSecret } },
      "organization",
      null,
    );
    const { clientCredentialsToken } = await import("@/lib/oauth/client-credentials");
    expect(
      await clientCredentialsToken(db, org.scope, { instanceId: d.instanceId, configVarKey: "files" }),
    ).toMatchObject({ ok: true });
    const credentialId = (await statusOf(d.instanceId)).credentialId!;
    const before = (await tokensOf(credentialId))!;
    await makeDue(credentialId);
    expect(await runRefresh(db, { settings })).toMatchObject({ refreshed: 1 });
    expect((await tokensOf(credentialId))!.tokens.accessToken).not.toBe(before.tokens.accessToken);
  });
});

describe("failures", () => {
  it("invalid_grant: red with re-authorization needed, never retried, until CONNECT again", async () => {
    const c = await connected();
    const before = (await tokensOf(c.credentialId))!;
    // The customer revoked the grant at the provider.
    await fetch(provider.endpoints.revocation, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${clients.basic.clientId}:${clients.basic.clientSecret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ token: before.tokens.refreshToken!, token_type_hint: "refresh_token" }),
    });
    await makeDue(c.credentialId);
    expect(await runRefresh(db, { settings })).toMatchObject({ due: 1, refreshed: 0, failed: 1 });
    expect(await rowOf(c.credentialId)).toMatchObject({ needsReauthorization: true, leaseHolder: null });
    const connection = await statusOf(c.instanceId);
    expect(connection.status).toBe("red");
    expect(connection.statusReason).toMatch(/Re-authorization needed.*invalid_grant/);
    expect(await eventsOf(c.credentialId)).toContain("error:re-authorization needed");
    // Not due any more, whatever its next_refresh_at says; the runtime refuses it clearly.
    await makeDue(c.credentialId);
    expect(await runRefresh(db, { settings })).toMatchObject({ due: 0 });
    await expect(connectionRuntimeValues(db, org.scope, c.instanceId, "files")).rejects.toThrow(
      /Re-authorization needed/,
    );

    await connect(db, provider, org.scope, { instanceId: c.instanceId, configVarKey: "files" }, { userId: org.userId });
    expect(await rowOf(c.credentialId)).toMatchObject({ needsReauthorization: false, consecutiveFailures: 0 });
    expect(await statusOf(c.instanceId)).toMatchObject({ status: "green" });
  });

  it("invalid_grant after someone else changed the tokens (CONNECT again) leaves the new tokens alone", async () => {
    const c = await connected();
    await makeDue(c.credentialId);
    const [claim] = await claimDue(db, { limit: 1, leaseMs: 5_000 });
    expect(claim?.credentialId).toBe(c.credentialId);
    // Meanwhile the customer pressed CONNECT again: new tokens, the lease cleared.
    await connect(db, provider, org.scope, { instanceId: c.instanceId, configVarKey: "files" }, { userId: org.userId });
    fault = () => json(400, { error: "invalid_grant", error_description: "grant request is invalid" });
    const { refreshClaim } = await import("@/lib/refresh/refresh-claim");
    expect(await refreshClaim(db, claim!, settings)).toBe("lost");
    expect(await rowOf(c.credentialId)).toMatchObject({ needsReauthorization: false });
    expect(await statusOf(c.instanceId)).toMatchObject({ status: "green" });
  });

  it("5xx, 429 with Retry-After, a timeout and a garbled body back off and keep the connection usable, red after N in a row, green on recovery", async () => {
    const c = await connected();
    const token = (await tokensOf(c.credentialId))!;
    const answers: (() => Promise<TokenRequestAnswer | undefined> | TokenRequestAnswer)[] = [
      () => json(503, { error: "temporarily_unavailable" }),
      () => json(429, { error: "slow_down" }, { "retry-after": "600" }),
      () => ({ status: 200, body: "<html>Gateway</html>", contentType: "text/html" }),
    ];
    for (const [i, answer] of answers.entries()) {
      fault = answer;
      await makeDue(c.credentialId);
      const startedAt = Date.now();
      expect(await runRefresh(db, { settings })).toMatchObject({ refreshed: 0, failed: 1 });
      const row = await rowOf(c.credentialId);
      expect(row).toMatchObject({ consecutiveFailures: i + 1, needsReauthorization: false, leaseHolder: null });
      expect(row.nextRefreshAt!.getTime()).toBeGreaterThan(startedAt);
      if (i === 1) expect(row.nextRefreshAt!.getTime()).toBeGreaterThanOrEqual(startedAt + 600_000 - 1_000);
      // Below N the token stays in use: status green, the runtime still hands it over.
      if (i < settings.maxFailures - 1) expect(await statusOf(c.instanceId)).toMatchObject({ status: "green" });
    }
    // The third failure in a row (N = 3 here) turns it red; the stored tokens were never touched.
    expect(await statusOf(c.instanceId)).toMatchObject({
      status: "red",
      statusReason: expect.stringMatching(/Refresh failed 3 times in a row/),
    });
    expect((await tokensOf(c.credentialId))!.tokens).toEqual(token.tokens);
    expect(await eventsOf(c.credentialId)).toEqual(
      expect.arrayContaining(["warn:refresh failed", "error:refresh failed"]),
    );

    // A slow provider: the request times out, the run does not stall.
    fault = () => new Promise((resolve) => setTimeout(() => resolve(undefined), 3_000));
    await makeDue(c.credentialId);
    const slowStart = Date.now();
    expect(await runRefresh(db, { settings })).toMatchObject({ failed: 1 });
    expect(Date.now() - slowStart).toBeLessThan(2_500);
    expect(await rowOf(c.credentialId)).toMatchObject({ consecutiveFailures: 4 });
    await new Promise((resolve) => setTimeout(resolve, 2_500));

    fault = undefined;
    await makeDue(c.credentialId);
    expect(await runRefresh(db, { settings })).toMatchObject({ refreshed: 1 });
    expect(await rowOf(c.credentialId)).toMatchObject({ consecutiveFailures: 0 });
    expect(await statusOf(c.instanceId)).toMatchObject({ status: "green" });
    const logs = await db
      .select()
      .from(connectionLogs)
      .where(sql`${connectionLogs.credentialId} = ${c.credentialId} and ${connectionLogs.event} = 'refreshed'`);
    expect(logs.at(-1)!.message).toMatch(/recovered after 4 failed attempts/);
  });
});

describe("leases", () => {
  it("a claim held by a server that died is skipped until its lease expires, then a later run finishes the work", async () => {
    const c = await connected();
    await makeDue(c.credentialId);
    const [dead] = await claimDue(db, { limit: 1, leaseMs: 60_000 });
    expect(dead?.credentialId).toBe(c.credentialId);
    expect(await runRefresh(db, { settings })).toMatchObject({ due: 1, refreshed: 0, skipped: 1 });
    await db.execute(
      sql`update credential_tokens set lease_until = now() - interval '1 second' where credential_id = ${c.credentialId}`,
    );
    expect(await runRefresh(db, { settings })).toMatchObject({ due: 1, refreshed: 1 });
    // The dead server's commit, had it come back, would be refused: the lease is no longer its.
    const { commitRefreshed } = await import("@/lib/refresh/commit");
    expect(
      await commitRefreshed(
        db,
        dead!,
        { tokensCiphertext: "x", hasRefreshToken: false, expiresAt: null, grantedScopes: [], nextRefreshAt: null },
        { message: "late", metadata: {} },
      ),
    ).toEqual({ written: false });
  });

  it("the run's claim leases what is due by the time it is given (the database's clock without one), loaded with its values", async () => {
    const { claimDueWithCiphertext } = await import("@/lib/refresh/claim-loaded");
    const { releaseClaim } = await import("@/lib/refresh/commit");
    const c = await connected();
    await makeDue(c.credentialId);
    const leaseMs = 60_000;
    // Due a second ago: not yet by a time a minute back.
    const early = await claimDueWithCiphertext(db, { limit: 100, leaseMs, dueBy: new Date(Date.now() - 60_000) });
    expect(early.map((l) => l.claim.credentialId)).not.toContain(c.credentialId);
    const claimed = await claimDueWithCiphertext(db, { limit: 100, leaseMs });
    try {
      const mine = claimed.find((l) => l.claim.credentialId === c.credentialId);
      expect(mine?.loaded?.id).toBe(c.credentialId);
      expect(mine?.values?.values).toMatchObject({ client_id: expect.any(String) });
      expect(await rowOf(c.credentialId)).toMatchObject({ leaseHolder: mine!.claim.holder });
      // Leased: a second claim passes it by.
      const again = await claimDueWithCiphertext(db, { limit: 100, leaseMs });
      expect(again.map((l) => l.claim.credentialId)).not.toContain(c.credentialId);
      await Promise.all(again.map((l) => releaseClaim(db, l.claim)));
    } finally {
      await Promise.all([...early, ...claimed].map((l) => releaseClaim(db, l.claim)));
    }
  });

  it("four overlapping runs and runtime calls refresh each due credential exactly once", async () => {
    const all = await Promise.all(Array.from({ length: 6 }, () => connected()));
    const refreshTokens = await Promise.all(
      all.map(async (c) => (await tokensOf(c.credentialId))!.tokens.refreshToken!),
    );
    for (const c of all) await makeDue(c.credentialId);
    fault = () => new Promise((resolve) => setTimeout(() => resolve(undefined), 100));
    const runs = await Promise.all([
      runRefresh(db, { settings }),
      runRefresh(db, { settings }),
      ...all.slice(0, 3).map((c) => connectionRuntimeValues(db, org.scope, c.instanceId, "files")),
      ...all.slice(0, 3).map((c) => connectionRuntimeValues(db, org.scope, c.instanceId, "files")),
      runRefresh(db, { settings }),
      runRefresh(db, { settings }),
    ]);
    const cron = runs.filter((r): r is Awaited<ReturnType<typeof runRefresh>> => "refreshed" in r);
    expect(cron.reduce((n, r) => n + r.failed, 0)).toBe(0);
    for (const token of refreshTokens) expect(presented.filter((t) => t === token)).toHaveLength(1);
    // Every runtime caller got the fresh token, never the one that was due.
    for (const [i, c] of all.slice(0, 3).entries()) {
      const fresh = (await tokensOf(c.credentialId))!.tokens.accessToken;
      expect((runs[2 + i] as { accessToken: string }).accessToken).toBe(fresh);
      expect((runs[5 + i] as { accessToken: string }).accessToken).toBe(fresh);
    }
    for (const c of all)
      expect(await rowOf(c.credentialId)).toMatchObject({ leaseHolder: null, consecutiveFailures: 0 });
  });
});

describe("the runtime API", () => {
  it("refreshes a due token on demand and hands over the new one with its expiry", async () => {
    const c = await connected();
    const before = (await tokensOf(c.credentialId))!;
    const fresh = await connectionRuntimeValues(db, org.scope, c.instanceId, "files");
    expect(fresh.accessToken).toBe(before.tokens.accessToken);

    await makeDue(c.credentialId);
    const renewed = await connectionRuntimeValues(db, org.scope, c.instanceId, "files");
    expect(renewed.accessToken).not.toBe(before.tokens.accessToken);
    expect(new Date(renewed.expiresAt!).getTime()).toBeGreaterThan(Date.now() + 60_000);
    expect(await introspect(provider.url, clients.basic, renewed.accessToken!)).toMatchObject({ active: true });
  });

  it("hands over a still-valid token when the refresh fails transiently, and refuses an expired one (red)", async () => {
    const c = await connected();
    const token = (await tokensOf(c.credentialId))!;
    fault = () => json(500, { error: "server_error" });
    await makeDue(c.credentialId);
    expect((await connectionRuntimeValues(db, org.scope, c.instanceId, "files")).accessToken).toBe(
      token.tokens.accessToken,
    );

    await db.execute(
      sql`update credential_tokens set next_refresh_at = now() - interval '1 second', expires_at = now() - interval '1 second' where credential_id = ${c.credentialId}`,
    );
    await expect(connectionRuntimeValues(db, org.scope, c.instanceId, "files")).rejects.toThrow(
      /expired .* could not be refreshed/,
    );
    expect(await statusOf(c.instanceId)).toMatchObject({ status: "red" });
  });

  it("after an outage, an expired token is refreshed at once when the provider is back, ignoring the backoff, at most once every few seconds", async () => {
    const c = await connected();
    const token = (await tokensOf(c.credentialId))!;
    // The provider goes down while the token expires.
    fault = () => json(503, { error: "temporarily_unavailable" });
    await db.execute(
      sql`update credential_tokens set next_refresh_at = now() - interval '1 second', expires_at = now() - interval '1 second' where credential_id = ${c.credentialId}`,
    );
    const shown = presented.length;
    await expect(connectionRuntimeValues(db, org.scope, c.instanceId, "files")).rejects.toThrow(
      /expired .* could not be refreshed/,
    );
    expect(presented.length).toBe(shown + 1);
    const backedOff = await rowOf(c.credentialId);
    // The backoff puts the next scheduled attempt well beyond the few seconds this test waits.
    expect(backedOff.nextRefreshAt!.getTime()).toBeGreaterThan(Date.now() + 10_000);
    // Callers that arrive right after a failed attempt do not hammer the provider.
    await expect(connectionRuntimeValues(db, org.scope, c.instanceId, "files")).rejects.toThrow(/expired/);
    expect(presented.length).toBe(shown + 1);

    // The provider is back: a caller gets a fresh token as soon as the short gap has passed, long
    // before the backoff would have allowed a retry.
    fault = undefined;
    await expect
      .poll(
        async () =>
          connectionRuntimeValues(db, org.scope, c.instanceId, "files").then(
            (v) => v.accessToken,
            () => null,
          ),
        { timeout: 20_000, interval: 500 },
      )
      .not.toBeNull();
    expect(Date.now()).toBeLessThan(backedOff.nextRefreshAt!.getTime());
    const renewed = await connectionRuntimeValues(db, org.scope, c.instanceId, "files");
    expect(renewed.accessToken).not.toBe(token.tokens.accessToken);
    expect(new Date(renewed.expiresAt!).getTime()).toBeGreaterThan(Date.now() + 60_000);
    expect(presented.length).toBe(shown + 2);
    expect(await rowOf(c.credentialId)).toMatchObject({ consecutiveFailures: 0 });
    expect(await statusOf(c.instanceId)).toMatchObject({ status: "green" });
  });

  it("finds nothing of another organization", async () => {
    const c = await connected();
    const other = await makeOrg(db);
    await expect(connectionRuntimeValues(db, other.scope, c.instanceId, "files")).rejects.toThrow(
      /No such instance|not found/i,
    );
  });
});
