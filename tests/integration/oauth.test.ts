import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { connectionLogs, credentialTokens, oauthStates } from "@/db/schema";
import { readCredentialTokens } from "@/lib/credentials/secrets";
import { getInstance } from "@/lib/instances/service";
import { handleCallback } from "@/lib/oauth/callback";
import { startAuthorization } from "@/lib/oauth/authorize";
import { hashState } from "@/lib/oauth/states";
import type { SandboxProvider } from "@/lib/sandbox-provider";
import {
  CALLBACK,
  clients,
  connect,
  deployConnection,
  makeOrg,
  sandboxType,
  startTestProvider,
  type Org,
} from "../support/oauth-fixtures";
import { authorizeAtProvider, introspect } from "../support/provider-session";

// The authorization code flow end to end against a real oidc-provider on 127.0.0.1: CONNECT,
// the provider's own sign-in and consent pages driven over HTTP, and the callback.

let db: Db;
let provider: SandboxProvider;
let org: Org;

const rows = (result: unknown) =>
  ((result as { rows?: unknown[] }).rows ?? (result as unknown[])) as Record<string, unknown>[];

async function logsOf(credentialId: string) {
  const found = await db
    .select()
    .from(connectionLogs)
    .where(sql`${connectionLogs.credentialId} = ${credentialId}`)
    .orderBy(connectionLogs.createdAt);
  return found.map((l) => ({ event: l.event, level: l.level, message: l.message, metadata: l.metadata }));
}

async function connectionOf(instanceId: string) {
  return (await getInstance(db, org.scope, instanceId)).connections[0]!;
}

beforeAll(async () => {
  db = await getDb();
  provider = await startTestProvider();
  org = await makeOrg(db);
  await sandboxType(db, org, provider, { key: "sandbox_basic" });
  await sandboxType(db, org, provider, { key: "sandbox_post", tokenAuthMethod: "client_secret_post" });
});

afterAll(() => provider.close());

describe("CONNECT and callback", () => {
  it("sends state, PKCE S256, the scopes and the type's parameters; stores the tokens encrypted and turns green (client_secret_basic)", async () => {
    const d = await deployConnection(db, org, "sandbox_basic", clients.basic);
    const { url, back, result } = await connect(
      db,
      provider,
      org.scope,
      { instanceId: d.instanceId, configVarKey: "files" },
      { userId: org.userId },
    );

    expect(`${url.origin}${url.pathname}`).toBe(provider.endpoints.authorization);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: clients.basic.clientId,
      redirect_uri: CALLBACK,
      scope: "files.read offline_access",
      code_challenge_method: "S256",
      prompt: "consent",
    });
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("state")).toMatch(/^[\w-]{40,}$/);
    expect(back.searchParams.get("iss")).toBe(provider.issuer);

    expect(result).toMatchObject({
      kind: "page",
      ok: true,
      title: "Authorization completed successfully",
      backHref: `/instances/${d.instanceId}`,
    });
    const connection = await connectionOf(d.instanceId);
    expect(connection).toMatchObject({
      status: "green",
      authorization: { grantedScopes: ["files.read", "offline_access"], refreshable: true },
    });
    expect(new Date(connection.authorization!.expiresAt!).getTime()).toBeGreaterThan(Date.now());

    const stored = await readCredentialTokens(db, org.scope, connection.credentialId!);
    expect(stored?.tokens.refreshToken).toBeTruthy();
    expect(await introspect(provider.url, clients.basic, stored!.tokens.accessToken)).toMatchObject({
      active: true,
      client_id: clients.basic.clientId,
      scope: "files.read offline_access",
    });

    // Nothing in the tables gives a token, the state or the verifier away.
    const dump = JSON.stringify([
      ...rows(await db.execute(sql`select * from credential_tokens`)),
      ...rows(await db.execute(sql`select * from oauth_states`)),
      ...rows(await db.execute(sql`select * from connection_logs`)),
    ]);
    expect(dump).not.toContain(stored!.tokens.accessToken);
    expect(dump).not.toContain(stored!.tokens.refreshToken!);
    expect(dump).not.toContain(url.searchParams.get("state")!);
    expect(dump).not.toContain(back.searchParams.get("code")!);
    const [state] = await db
      .select()
      .from(oauthStates)
      .where(sql`${oauthStates.stateHash} = ${hashState(url.searchParams.get("state")!)}`);
    expect(state).toMatchObject({
      userId: org.userId,
      credentialId: connection.credentialId,
      instanceId: d.instanceId,
      consumedAt: expect.any(Date),
    });
    expect(state!.codeVerifierCiphertext).toMatch(/^v1\./);
    expect(state!.expiresAt.getTime() - state!.createdAt.getTime()).toBeLessThanOrEqual(10 * 60 * 1000 + 1000);

    expect((await logsOf(connection.credentialId!)).map((l) => l.event)).toEqual([
      "configured",
      "authorize started",
      "callback received",
      "token exchanged",
    ]);
  });

  it("exchanges the code with client_secret_post", async () => {
    const d = await deployConnection(db, org, "sandbox_post", clients.post);
    const { result } = await connect(
      db,
      provider,
      org.scope,
      { instanceId: d.instanceId, configVarKey: "files" },
      { userId: org.userId },
    );
    expect(result).toMatchObject({ ok: true });
    const stored = await readCredentialTokens(db, org.scope, (await connectionOf(d.instanceId)).credentialId!);
    expect(await introspect(provider.url, clients.post, stored!.tokens.accessToken)).toMatchObject({
      active: true,
      client_id: clients.post.clientId,
    });
  });

  it("reports the provider's refusal when the client authenticates the wrong way, and stores nothing", async () => {
    // The basic client presented with client_secret_post: the provider answers invalid_client.
    const d = await deployConnection(db, org, "sandbox_post", clients.basic);
    const { result } = await connect(
      db,
      provider,
      org.scope,
      { instanceId: d.instanceId, configVarKey: "files" },
      { userId: org.userId },
    );
    expect(result).toMatchObject({
      kind: "page",
      ok: false,
      message: expect.stringMatching(/Token exchange failed: The provider answered 401 invalid_client/),
    });
    const connection = await connectionOf(d.instanceId);
    expect(connection).toMatchObject({ status: "red", authorization: null });
    const failed = (await logsOf(connection.credentialId!)).find((l) => l.event === "token exchange failed");
    expect(failed).toMatchObject({
      level: "error",
      metadata: { error: "invalid_client", error_description: expect.any(String) },
    });
    expect(JSON.stringify(await logsOf(connection.credentialId!))).not.toContain(clients.basic.clientSecret);
  });

  it("requires PKCE: a type that turns it off is refused by the provider, and the log says why", async () => {
    await sandboxType(db, org, provider, { key: "sandbox_nopkce", pkce: false });
    const d = await deployConnection(db, org, "sandbox_nopkce", clients.basic);
    const { url, back, result } = await connect(
      db,
      provider,
      org.scope,
      { instanceId: d.instanceId, configVarKey: "files" },
      { userId: org.userId },
    );
    expect(url.searchParams.has("code_challenge")).toBe(false);
    expect(back.searchParams.get("error")).toBe("invalid_request");
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/did not authorize: invalid_request: .*PKCE/),
    });
    const credentialId = (await connectionOf(d.instanceId)).credentialId!;
    expect((await logsOf(credentialId)).at(-1)).toMatchObject({
      event: "authorization failed",
      metadata: { error: "invalid_request", error_description: expect.stringMatching(/PKCE/) },
    });
    expect(await readCredentialTokens(db, org.scope, credentialId)).toBeUndefined();
  });

  it("shows and logs access_denied with the provider's description", async () => {
    const d = await deployConnection(db, org, "sandbox_basic", clients.basic);
    const { result } = await connect(
      db,
      provider,
      org.scope,
      { instanceId: d.instanceId, configVarKey: "files" },
      { userId: org.userId },
      { consent: "deny" },
    );
    expect(result).toMatchObject({
      kind: "page",
      ok: false,
      message: "The provider did not authorize: access_denied: End-User aborted interaction",
    });
    const credentialId = (await connectionOf(d.instanceId)).credentialId!;
    expect((await logsOf(credentialId)).at(-1)).toMatchObject({
      event: "authorization failed",
      level: "error",
      metadata: { error: "access_denied", error_description: "End-User aborted interaction" },
    });
    expect(await readCredentialTokens(db, org.scope, credentialId)).toBeUndefined();
    expect(await connectionOf(d.instanceId)).toMatchObject({
      status: "red",
      statusReason: "OAuth 2.0 authorization not completed",
    });
  });
});

describe("bad callbacks", () => {
  let d: Awaited<ReturnType<typeof deployConnection>>;
  beforeAll(async () => {
    d = await deployConnection(db, org, "sandbox_basic", clients.basic);
  });
  const target = () => ({ instanceId: d.instanceId, configVarKey: "files" });

  it("refuses a missing or unknown state with a clear page", async () => {
    expect(await handleCallback(db, new URLSearchParams({ code: "abc" }))).toMatchObject({
      kind: "page",
      ok: false,
      message: expect.stringMatching(/carries no state/),
    });
    expect(await handleCallback(db, new URLSearchParams({ code: "abc", state: "made-up" }))).toMatchObject({
      kind: "page",
      ok: false,
      message: expect.stringMatching(/unknown state/),
    });
  });

  it("uses a state once: the replay is refused and the stored tokens stay as they were", async () => {
    const { url } = await startAuthorization(db, org.scope, target(), { userId: org.userId });
    const back = await authorizeAtProvider(url, provider.url);
    expect(await handleCallback(db, back.searchParams)).toMatchObject({ ok: true });
    const credentialId = (await connectionOf(d.instanceId)).credentialId!;
    const [before] = await db
      .select()
      .from(credentialTokens)
      .where(sql`${credentialTokens.credentialId} = ${credentialId}`);
    expect(await handleCallback(db, back.searchParams)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/already used/),
    });
    const [after] = await db
      .select()
      .from(credentialTokens)
      .where(sql`${credentialTokens.credentialId} = ${credentialId}`);
    expect(after!.tokensCiphertext).toBe(before!.tokensCiphertext);
    expect((await logsOf(credentialId)).at(-1)).toMatchObject({
      event: "callback refused",
      level: "error",
      metadata: { error: "invalid_state" },
    });
  });

  it("lets only one of two simultaneous callbacks with the same state through", async () => {
    const fresh = await deployConnection(db, org, "sandbox_basic", clients.basic);
    const { url } = await startAuthorization(
      db,
      org.scope,
      { instanceId: fresh.instanceId, configVarKey: "files" },
      { userId: org.userId },
    );
    const back = await authorizeAtProvider(url, provider.url);
    const results = await Promise.all([handleCallback(db, back.searchParams), handleCallback(db, back.searchParams)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ message: expect.stringMatching(/already used/) });
  });

  it("refuses an expired state and stores nothing", async () => {
    const fresh = await deployConnection(db, org, "sandbox_basic", clients.basic);
    const { url } = await startAuthorization(
      db,
      org.scope,
      { instanceId: fresh.instanceId, configVarKey: "files" },
      { userId: org.userId },
    );
    const back = await authorizeAtProvider(url, provider.url);
    await db.execute(
      sql`update oauth_states set expires_at = now() - interval '1 minute' where state_hash = ${hashState(new URL(url).searchParams.get("state")!)}`,
    );
    expect(await handleCallback(db, back.searchParams)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/longer than 10 minutes/),
    });
    expect(
      await readCredentialTokens(db, org.scope, (await connectionOf(fresh.instanceId)).credentialId!),
    ).toBeUndefined();
  });

  it("refuses an answer naming another issuer (RFC 9207)", async () => {
    const fresh = await deployConnection(db, org, "sandbox_basic", clients.basic);
    const { url } = await startAuthorization(
      db,
      org.scope,
      { instanceId: fresh.instanceId, configVarKey: "files" },
      { userId: org.userId },
    );
    const back = await authorizeAtProvider(url, provider.url);
    back.searchParams.set("iss", "https://attacker.example");
    expect(await handleCallback(db, back.searchParams)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/issuer https:\/\/attacker\.example, not http:\/\/127\.0\.0\.1/),
    });
    const credentialId = (await connectionOf(fresh.instanceId)).credentialId!;
    expect(await readCredentialTokens(db, org.scope, credentialId)).toBeUndefined();
    expect((await logsOf(credentialId)).at(-1)).toMatchObject({
      event: "callback refused",
      metadata: { error: "invalid_issuer" },
    });
  });

  it("refuses scopes with control characters before anything is sent", async () => {
    const fresh = await deployConnection(db, org, "sandbox_basic", clients.basic, { allowScopeOverride: true });
    await db.execute(
      sql`update instance_connections set scopes = ${"files.read\r\nX-Injected: 1"} where instance_id = ${fresh.instanceId}`,
    );
    await expect(
      startAuthorization(
        db,
        org.scope,
        { instanceId: fresh.instanceId, configVarKey: "files" },
        { userId: org.userId },
      ),
    ).rejects.toMatchObject({
      name: "ValidationError",
      message: expect.stringMatching(/control characters/),
    });
    expect(
      rows(
        await db.execute(sql`select count(*)::int as n from oauth_states where instance_id = ${fresh.instanceId}`),
      )[0],
    ).toEqual({ n: 0 });
  });

  it("asks for the connection's scope override, joined by the type's separator", async () => {
    await sandboxType(db, org, provider, { key: "sandbox_commas", oauth: { scopeSeparator: "," } });
    const fresh = await deployConnection(db, org, "sandbox_commas", clients.basic, { allowScopeOverride: true });
    await db.execute(
      sql`update instance_connections set scopes = ${"files.write files.read"} where instance_id = ${fresh.instanceId}`,
    );
    const { url } = await startAuthorization(
      db,
      org.scope,
      { instanceId: fresh.instanceId, configVarKey: "files" },
      { userId: org.userId },
    );
    expect(url).toMatch(/[?&]scope=files\.write%2Cfiles\.read(&|$)/);
  });
});
