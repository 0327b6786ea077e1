import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { apiKeys, connectionLogs, credentials, oauthStartTokens, oauthStates } from "@/db/schema";
import * as oauthAuthorize from "@/app/api/oauth/authorize/route";
import { env } from "@/lib/env";
import { getInstance } from "@/lib/instances/service";
import { handleCallback } from "@/lib/oauth/callback";
import { startFromPage } from "@/lib/oauth/page-start";
import { issueStartUrl, redeemStartToken } from "@/lib/oauth/start-tokens";
import type { SandboxProvider } from "@/lib/sandbox-provider";
import {
  clients,
  deployConnection,
  makeOrg,
  sandboxType,
  startTestProvider,
  type Org,
} from "../support/oauth-fixtures";
import { authorizeAtProvider } from "../support/provider-session";

// M5: CONNECT starts only from a POST of Latchkey's own pages, or from a single-use start token the
// API handed out. A cross-site navigation or form starts nothing: no state, no log entry, no credential.

let db: Db;
let provider: SandboxProvider;
let org: Org;

beforeAll(async () => {
  db = await getDb();
  provider = await startTestProvider();
  org = await makeOrg(db);
  await sandboxType(db, org, provider, { key: "sandbox" });
});

afterAll(() => provider.close());

const origin = new URL(env.baseUrl).origin;
const admin = () => ({ id: org.userId, role: "admin" as const, organizationId: org.organizationId, customerId: null });
const formOf = (o: Record<string, string>) => async () => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
};
const statesOf = async (organizationId: string) =>
  (await db.select({ id: oauthStates.id }).from(oauthStates).where(eq(oauthStates.organizationId, organizationId)))
    .length;
const logsOf = async (organizationId: string) =>
  (
    await db
      .select({ id: connectionLogs.id })
      .from(connectionLogs)
      .where(and(eq(connectionLogs.organizationId, organizationId), eq(connectionLogs.event, "authorize started")))
  ).length;
const credentialsOf = async (organizationId: string) =>
  (await db.select({ id: credentials.id }).from(credentials).where(eq(credentials.organizationId, organizationId)))
    .length;

describe("CONNECT from a page", () => {
  it("a form posted from another site, or with no origin, starts nothing and creates nothing", async () => {
    const configured = await deployConnection(db, org, "sandbox", clients.basic);
    const bare = await deployConnection(db, org, "sandbox", null); // no credential yet: CONNECT would make one
    const before = {
      states: await statesOf(org.organizationId),
      logs: await logsOf(org.organizationId),
      credentials: await credentialsOf(org.organizationId),
    };
    const attempts: Record<string, string>[] = [
      { origin: "https://attacker.example", "sec-fetch-site": "cross-site" },
      { origin: "https://attacker.example" },
      { origin, "sec-fetch-site": "cross-site" },
      { origin: "null", "sec-fetch-site": "cross-site" },
      {},
    ];
    for (const headers of attempts) {
      for (const d of [configured, bare]) {
        const started = await startFromPage(
          db,
          new Headers(headers),
          formOf({ instanceId: d.instanceId, connection: "files" }),
          async () => admin(),
        );
        expect(started).toMatchObject({ kind: "refused", status: 403 });
      }
    }
    expect({
      states: await statesOf(org.organizationId),
      logs: await logsOf(org.organizationId),
      credentials: await credentialsOf(org.organizationId),
    }).toEqual(before);
  });

  it("a form posted from Latchkey's own page goes to the provider and the flow completes", async () => {
    const d = await deployConnection(db, org, "sandbox", clients.basic);
    const started = await startFromPage(
      db,
      new Headers({ origin, "sec-fetch-site": "same-origin" }),
      formOf({ instanceId: d.instanceId, connection: "files" }),
      async () => admin(),
    );
    expect(started.kind).toBe("provider");
    const url = (started as { url: string }).url;
    expect(url.startsWith(provider.endpoints.authorization)).toBe(true);
    const back = await authorizeAtProvider(url, provider.url);
    expect(await handleCallback(db, back.searchParams)).toMatchObject({ ok: true });
    expect((await getInstance(db, org.scope, d.instanceId)).connections[0]!.authorization).not.toBeNull();
  });

  it("a signed-out visitor is sent to sign in with the way back to the screen, not to the provider", async () => {
    const d = await deployConnection(db, org, "sandbox", clients.basic);
    const started = await startFromPage(
      db,
      new Headers({ origin, "sec-fetch-site": "same-origin" }),
      formOf({ instanceId: d.instanceId, connection: "files" }),
      async () => null,
    );
    expect(started).toEqual({ kind: "sign-in", back: `/instances/${d.instanceId}` });
  });

  it("the route: a cross-site POST answers 403 without reading further; a GET with an id goes to the screen and starts nothing", async () => {
    const d = await deployConnection(db, org, "sandbox", clients.basic);
    const before = await statesOf(org.organizationId);
    const body = new URLSearchParams({ instanceId: d.instanceId, connection: "files" });
    const posted = await oauthAuthorize.POST(
      new Request(`${env.baseUrl}/api/oauth/authorize`, {
        method: "POST",
        body,
        headers: { origin: "https://attacker.example", "sec-fetch-site": "cross-site" },
      }),
    );
    expect(posted.status).toBe(403);
    expect(await posted.text()).toContain("CONNECT starts only from Latchkey&#39;s own pages");
    const navigated = await oauthAuthorize.GET(
      new Request(`${env.baseUrl}/api/oauth/authorize?instanceId=${d.instanceId}&connection=files`, {
        headers: { "sec-fetch-site": "cross-site" },
      }),
    );
    expect(navigated.status).toBe(303);
    expect(navigated.headers.get("location")).toBe(`${env.baseUrl}/instances/${d.instanceId}`);
    const garbage = await oauthAuthorize.GET(new Request(`${env.baseUrl}/api/oauth/authorize?credentialId=%00`));
    expect(garbage.status).toBe(400);
    expect(await statesOf(org.organizationId)).toBe(before);
  });
});

describe("CONNECT from a URL the API handed out", () => {
  it("creates no state until the browser opens it, starts once, and never again", async () => {
    const d = await deployConnection(db, org, "sandbox", clients.basic);
    const before = await statesOf(org.organizationId);
    const { url } = await issueStartUrl(
      db,
      org.scope,
      { instanceId: d.instanceId, configVarKey: "files" },
      org.apiKeyId,
    );
    expect(await statesOf(org.organizationId)).toBe(before);
    const stored = await db.select().from(oauthStartTokens).where(eq(oauthStartTokens.instanceId, d.instanceId));
    const token = new URL(url).searchParams.get("start")!;
    expect(JSON.stringify(stored)).not.toContain(token);

    const [first, second] = await Promise.all([redeemStartToken(db, token), redeemStartToken(db, token)]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect(await statesOf(org.organizationId)).toBe(before + 1);
    expect(await redeemStartToken(db, token)).toEqual({ ok: false, problem: "used" });
    expect(await redeemStartToken(db, `${token}x`)).toEqual({ ok: false, problem: "invalid" });
  });

  it("refuses an expired token and one whose API key was revoked", async () => {
    const d = await deployConnection(db, org, "sandbox", clients.basic);
    const expired = new URL(
      (await issueStartUrl(db, org.scope, { instanceId: d.instanceId, configVarKey: "files" }, org.apiKeyId)).url,
    ).searchParams.get("start")!;
    await db.execute(
      sql`update oauth_start_tokens set expires_at = now() - interval '1 second' where instance_id = ${d.instanceId}`,
    );
    expect(await redeemStartToken(db, expired)).toEqual({ ok: false, problem: "invalid" });

    const other = await makeOrg(db);
    await sandboxType(db, other, provider, { key: "sandbox" });
    const od = await deployConnection(db, other, "sandbox", clients.basic);
    const token = new URL(
      (await issueStartUrl(db, other.scope, { instanceId: od.instanceId, configVarKey: "files" }, other.apiKeyId)).url,
    ).searchParams.get("start")!;
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, other.apiKeyId));
    expect(await redeemStartToken(db, token)).toEqual({ ok: false, problem: "invalid" });
    expect(await statesOf(other.organizationId)).toBe(0);
  });
});
