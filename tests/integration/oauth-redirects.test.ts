import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { connectionLogs, customers, organizations } from "@/db/schema";
import { createCredential } from "@/lib/credentials/service";
import { readCredentialTokens } from "@/lib/credentials/secrets";
import { env } from "@/lib/env";
import { getInstance } from "@/lib/instances/service";
import { handleCallback } from "@/lib/oauth/callback";
import { startAuthorization } from "@/lib/oauth/authorize";
import { disconnect } from "@/lib/oauth/disconnect";
import type { SandboxProvider } from "@/lib/sandbox-provider";
import * as authorizeApi from "@/app/api/v1/instances/[id]/connections/[key]/authorize/route";
import * as callbackRoute from "@/app/api/oauth/callback/route";
import * as oauthAuthorize from "@/app/api/oauth/authorize/route";
import {
  clients,
  connect,
  deployConnection,
  makeOrg,
  sandboxType,
  startTestProvider,
  type Org,
} from "../support/oauth-fixtures";
import { authorizeAtProvider } from "../support/provider-session";

// Custom success and failure redirects on the organization's allowed origins, the routes' pages and
// headers, and tenant isolation, against the real oidc-provider.

let db: Db;
let provider: SandboxProvider;
let org: Org;
let other: Org;
const PARTNER = "https://partner.example";

beforeAll(async () => {
  db = await getDb();
  provider = await startTestProvider();
  org = await makeOrg(db, [PARTNER]);
  other = await makeOrg(db, [PARTNER]);
  await sandboxType(db, org, provider, { key: "sandbox" });
  await sandboxType(db, other, provider, { key: "sandbox" });
});

afterAll(() => provider.close());

const redirects = {
  successRedirectUrl: `${PARTNER}/integrations/done?tab=files`,
  failureRedirectUrl: `${PARTNER}/integrations/failed`,
};

describe("custom redirects", () => {
  it("sends a success to the custom URL with every parameter, keeping its own query", async () => {
    const d = await deployConnection(db, org, "sandbox", clients.basic, redirects);
    const { result } = await connect(
      db,
      provider,
      org.scope,
      { instanceId: d.instanceId, configVarKey: "files" },
      { userId: org.userId },
    );
    expect(result).toMatchObject({ kind: "redirect", ok: true });
    const to = new URL((result as { location: string }).location);
    expect(`${to.origin}${to.pathname}`).toBe(`${PARTNER}/integrations/done`);
    expect(Object.fromEntries(to.searchParams)).toEqual({
      tab: "files",
      instanceId: d.instanceId,
      instanceName: d.instanceName,
      integrationId: d.integrationId,
      integrationName: d.integrationName,
      configVarId: d.configVarId,
      configVarName: d.configVarName,
    });
  });

  it("sends a failure to the custom failure URL with every parameter and the provider's error", async () => {
    const d = await deployConnection(db, org, "sandbox", clients.basic, redirects);
    const { result } = await connect(
      db,
      provider,
      org.scope,
      { instanceId: d.instanceId, configVarKey: "files" },
      { userId: org.userId },
      { consent: "deny" },
    );
    expect(result).toMatchObject({ kind: "redirect", ok: false });
    const to = new URL((result as { location: string }).location);
    expect(`${to.origin}${to.pathname}`).toBe(`${PARTNER}/integrations/failed`);
    expect(Object.fromEntries(to.searchParams)).toEqual({
      instanceId: d.instanceId,
      instanceName: d.instanceName,
      integrationId: d.integrationId,
      integrationName: d.integrationName,
      configVarId: d.configVarId,
      configVarName: d.configVarName,
      error: "access_denied",
      error_description: "End-User aborted interaction",
    });
  });

  it("refuses a custom redirect whose origin the organization does not allow: CONNECT does not start", async () => {
    const d = await deployConnection(db, org, "sandbox", clients.basic, {
      successRedirectUrl: "https://elsewhere.example/done",
    });
    await expect(
      startAuthorization(db, org.scope, { instanceId: d.instanceId, configVarKey: "files" }, { userId: org.userId }),
    ).rejects.toMatchObject({
      name: "ValidationError",
      message: expect.stringMatching(
        /https:\/\/elsewhere\.example is not one of the organization's allowed redirect origins/,
      ),
    });
  });

  it("refuses at the callback when the origin was removed meanwhile: no redirect, no token, a log line", async () => {
    const d = await deployConnection(db, org, "sandbox", clients.basic, redirects);
    const { url } = await startAuthorization(
      db,
      org.scope,
      { instanceId: d.instanceId, configVarKey: "files" },
      { userId: org.userId },
    );
    const back = await authorizeAtProvider(url, provider.url);
    await db
      .update(organizations)
      .set({ allowedRedirectOrigins: [] })
      .where(sql`${organizations.id} = ${org.organizationId}`);
    try {
      const result = await handleCallback(db, back.searchParams);
      expect(result).toMatchObject({
        kind: "page",
        ok: false,
        message: expect.stringMatching(/custom success redirect cannot be used.*allowed redirect origins/),
      });
      const credentialId = (await getInstance(db, org.scope, d.instanceId)).connections[0]!.credentialId!;
      expect(await readCredentialTokens(db, org.scope, credentialId)).toBeUndefined();
      const [last] = await db
        .select()
        .from(connectionLogs)
        .where(sql`${connectionLogs.credentialId} = ${credentialId}`)
        .orderBy(sql`${connectionLogs.createdAt} desc`)
        .limit(1);
      expect(last).toMatchObject({ event: "callback refused", level: "error" });
    } finally {
      await db
        .update(organizations)
        .set({ allowedRedirectOrigins: [PARTNER] })
        .where(sql`${organizations.id} = ${org.organizationId}`);
    }
  });
});

describe("tenant isolation", () => {
  it("another organization can neither start, finish nor disconnect this organization's connections", async () => {
    const d = await deployConnection(db, org, "sandbox", clients.basic);
    const target = { instanceId: d.instanceId, configVarKey: "files" };
    await expect(startAuthorization(db, other.scope, target, { userId: other.userId })).rejects.toMatchObject({
      name: "NotFoundError",
    });
    await expect(disconnect(db, other.scope, target)).rejects.toMatchObject({ name: "NotFoundError" });
    const credentialId = (await getInstance(db, org.scope, d.instanceId)).connections[0]!.credentialId!;
    await expect(startAuthorization(db, other.scope, { credentialId }, { userId: other.userId })).rejects.toMatchObject(
      { name: "NotFoundError" },
    );

    // A state started by this organization's user is refused in another user's session.
    const { url } = await startAuthorization(db, org.scope, target, { userId: org.userId });
    const back = await authorizeAtProvider(url, provider.url);
    expect(await handleCallback(db, back.searchParams, { sessionUserId: other.userId })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/another user started/),
    });
    expect(await readCredentialTokens(db, org.scope, credentialId)).toBeUndefined();

    // Connected for real, the tokens are invisible from the other organization.
    expect((await connect(db, provider, org.scope, target, { userId: org.userId })).result).toMatchObject({ ok: true });
    expect(await readCredentialTokens(db, org.scope, credentialId)).toBeDefined();
    expect(await readCredentialTokens(db, other.scope, credentialId)).toBeUndefined();
  });

  it("a customer scope reaches only its own customer's credentials, and not the organization's shared one", async () => {
    const [second] = await db
      .insert(customers)
      .values({ organizationId: org.organizationId, name: "Globex" })
      .returning();
    const values = { client_id: clients.basic.clientId, client_secret: clients.basic.clientSecret };
    const own = await createCredential(
      db,
      org.scope,
      { label: "Initech files", authMethod: "sandbox", customerId: org.customerId, values },
      null,
    );
    const shared = await createCredential(
      db,
      org.scope,
      { label: "Shared files", authMethod: "sandbox", values },
      null,
    );
    await expect(
      startAuthorization(
        db,
        { organizationId: org.organizationId, customerId: second!.id },
        { credentialId: own.id },
        { userId: org.userId },
      ),
    ).rejects.toMatchObject({ name: "NotFoundError" });
    await expect(
      startAuthorization(
        db,
        { organizationId: org.organizationId, customerId: org.customerId },
        { credentialId: shared.id },
        { userId: org.userId },
      ),
    ).rejects.toMatchObject({ name: "NotFoundError" });
    const { result } = await connect(
      db,
      provider,
      { organizationId: org.organizationId, customerId: org.customerId },
      { credentialId: own.id },
      { userId: org.userId },
    );
    expect(result).toMatchObject({ ok: true, backHref: `/credentials/${own.id}?tab=authorization` });
  });
});

describe("routes", () => {
  const call = (
    handler: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>,
    url: string,
    init: RequestInit = {},
    params: Record<string, string> = {},
  ) => handler(new Request(url, init), { params: Promise.resolve(params) });

  it("POST .../authorize answers a single-use Latchkey start URL for an API key; the flow it starts completes", async () => {
    const d = await deployConnection(db, org, "sandbox", clients.basic);
    const response = await call(
      authorizeApi.POST,
      "http://localhost/api/v1/x",
      { method: "POST", headers: { authorization: `Bearer ${org.apiKey}` } },
      { id: d.instanceId, key: "files" },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { url: string; expiresAt: string };
    expect(body.url.startsWith(`${env.baseUrl}/api/oauth/authorize?start=`)).toBe(true);
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    // The browser it is handed to opens it once: Latchkey sends it on to the provider.
    const started = await call(oauthAuthorize.GET, body.url);
    expect(started.status).toBe(303);
    const providerUrl = started.headers.get("location")!;
    expect(providerUrl.startsWith(provider.endpoints.authorization)).toBe(true);
    expect((await call(oauthAuthorize.GET, body.url)).status).toBe(410);
    const back = await authorizeAtProvider(providerUrl, provider.url);
    expect(await handleCallback(db, back.searchParams)).toMatchObject({ ok: true });
    // Another organization's key does not find the instance.
    const foreign = await call(
      authorizeApi.POST,
      "http://localhost/api/v1/x",
      { method: "POST", headers: { authorization: `Bearer ${other.apiKey}` } },
      { id: d.instanceId, key: "files" },
    );
    expect(foreign.status).toBe(404);
  });

  it("GET /api/oauth/callback renders a self-contained page with no referrer, success or failure, never a 500", async () => {
    const bad = await call(callbackRoute.GET, "http://localhost:3000/api/oauth/callback?state=forged&code=x");
    expect(bad.status).toBe(400);
    expect(bad.headers.get("referrer-policy")).toBe("no-referrer");
    expect(bad.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
    const html = await bad.text();
    expect(html).toMatch(/Authorization failed/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);

    const d = await deployConnection(db, org, "sandbox", clients.basic);
    const { url } = await startAuthorization(
      db,
      org.scope,
      { instanceId: d.instanceId, configVarKey: "files" },
      { userId: org.userId },
    );
    const back = await authorizeAtProvider(url, provider.url);
    const ok = await call(callbackRoute.GET, back.href);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("referrer-policy")).toBe("no-referrer");
    const page = await ok.text();
    expect(page).toContain("Authorization completed successfully");
    expect(page).toContain(`href="/instances/${d.instanceId}"`);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);

    const redirected = await deployConnection(db, org, "sandbox", clients.basic, redirects);
    const started = await startAuthorization(
      db,
      org.scope,
      { instanceId: redirected.instanceId, configVarKey: "files" },
      { userId: org.userId },
    );
    const answer = await call(callbackRoute.GET, (await authorizeAtProvider(started.url, provider.url)).href);
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toMatch(
      /^https:\/\/partner\.example\/integrations\/done\?tab=files&instanceId=/,
    );
    expect(answer.headers.get("referrer-policy")).toBe("no-referrer");
  });
});
