import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { connectionLogs, credentialTokens } from "@/db/schema";
import { createCredential, getCredentialDto } from "@/lib/credentials/service";
import { readCredentialTokens } from "@/lib/credentials/secrets";
import { getInstance } from "@/lib/instances/service";
import { clientCredentialsToken } from "@/lib/oauth/client-credentials";
import { disconnect } from "@/lib/oauth/disconnect";
import type { SandboxProvider } from "@/lib/sandbox-provider";
import * as disconnectRoute from "@/app/api/v1/instances/[id]/connections/[key]/authorization/route";
import * as connectionRoute from "@/app/api/v1/instances/[id]/connections/[key]/route";
import {
  clients,
  connect,
  deployConnection,
  makeOrg,
  sandboxType,
  startTestProvider,
  type Org,
} from "../support/oauth-fixtures";
import { introspect } from "../support/provider-session";

// DISCONNECT with RFC 7009 revocation, and client credentials tokens, against the real oidc-provider:
// the provider's introspection endpoint says whether a token still works.

let db: Db;
let provider: SandboxProvider;
let org: Org;

type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(handler: Handler, method: string, params: Record<string, string>, body?: unknown) {
  const response = await handler(
    new Request("http://localhost/api/v1/x", {
      method,
      headers: { authorization: `Bearer ${org.apiKey}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function eventsOf(credentialId: string) {
  const rows = await db
    .select()
    .from(connectionLogs)
    .where(sql`${connectionLogs.credentialId} = ${credentialId}`)
    .orderBy(connectionLogs.createdAt);
  return rows.map((r) => ({ event: r.event, level: r.level, message: r.message }));
}

async function connected(typeKey: string) {
  const d = await deployConnection(db, org, typeKey, clients.basic);
  const target = { instanceId: d.instanceId, configVarKey: "files" };
  expect((await connect(db, provider, org.scope, target, { userId: org.userId })).result).toMatchObject({ ok: true });
  const credentialId = (await getInstance(db, org.scope, d.instanceId)).connections[0]!.credentialId!;
  const stored = await readCredentialTokens(db, org.scope, credentialId);
  return { d, target, credentialId, tokens: stored!.tokens };
}

beforeAll(async () => {
  db = await getDb();
  provider = await startTestProvider();
  org = await makeOrg(db);
  await sandboxType(db, org, provider, { key: "sandbox" });
  await sandboxType(db, org, provider, {
    key: "sandbox_bad_revoke",
    revokeUri: `${provider.url}/no-such-revocation-endpoint`,
  });
  await sandboxType(db, org, provider, { key: "sandbox_no_revoke", revokeUri: null });
  await sandboxType(db, org, provider, { key: "sandbox_machine", kind: "oauth2_client_credentials" });
});

afterAll(() => provider.close());

describe("DISCONNECT", () => {
  it("deletes the tokens, stops refreshing, and revokes both at the provider (introspection: inactive)", async () => {
    const { d, credentialId, tokens } = await connected("sandbox");
    expect(await introspect(provider.url, clients.basic, tokens.refreshToken!)).toMatchObject({ active: true });

    const answer = await call(disconnectRoute.DELETE, "DELETE", { id: d.instanceId, key: "files" });
    expect(answer).toMatchObject({ status: 200, json: { disconnected: true, revocation: "revoked" } });
    expect(await introspect(provider.url, clients.basic, tokens.accessToken)).toEqual({ active: false });
    expect(await introspect(provider.url, clients.basic, tokens.refreshToken!)).toEqual({ active: false });
    expect(
      await db
        .select()
        .from(credentialTokens)
        .where(sql`${credentialTokens.credentialId} = ${credentialId}`),
    ).toEqual([]);
    expect((await getInstance(db, org.scope, d.instanceId)).connections[0]).toMatchObject({
      status: "red",
      statusReason: "OAuth 2.0 authorization not completed",
      authorization: null,
    });
    expect((await eventsOf(credentialId)).slice(-3)).toEqual([
      expect.objectContaining({ event: "disconnected" }),
      expect.objectContaining({ event: "revoked", message: "Refresh token revoked at the provider" }),
      expect.objectContaining({ event: "revoked", message: "Access token revoked at the provider" }),
    ]);
  });

  it("still disconnects when revocation fails, and says so", async () => {
    const { target, credentialId, tokens } = await connected("sandbox_bad_revoke");
    const result = await disconnect(db, org.scope, target);
    expect(result).toMatchObject({
      disconnected: true,
      revocation: "failed",
      message: expect.stringMatching(/did not confirm the revocation/),
    });
    expect(await readCredentialTokens(db, org.scope, credentialId)).toBeUndefined();
    expect((await eventsOf(credentialId)).filter((e) => e.event === "revocation failed")).toHaveLength(2);
    // The provider was never told: the token works until it expires, which is what the message says.
    expect(await introspect(provider.url, clients.basic, tokens.accessToken)).toMatchObject({ active: true });
    expect(JSON.stringify(await eventsOf(credentialId))).not.toContain(tokens.accessToken);
  });

  it("without a revocation URL, disconnects and explains that the provider keeps the tokens until they expire", async () => {
    const { target, credentialId } = await connected("sandbox_no_revoke");
    expect(await disconnect(db, org.scope, target)).toMatchObject({
      revocation: "not_supported",
      message: expect.stringMatching(/no revocation URL/),
    });
    expect(await readCredentialTokens(db, org.scope, credentialId)).toBeUndefined();
    expect(await disconnect(db, org.scope, target)).toMatchObject({ revocation: "nothing_to_revoke" });
  });

  it("CONNECT again after DISCONNECT stores fresh tokens", async () => {
    const { d, target, tokens } = await connected("sandbox");
    await disconnect(db, org.scope, target);
    expect((await connect(db, provider, org.scope, target, { userId: org.userId })).result).toMatchObject({ ok: true });
    const again = await readCredentialTokens(
      db,
      org.scope,
      (await getInstance(db, org.scope, d.instanceId)).connections[0]!.credentialId!,
    );
    expect(again!.tokens.accessToken).not.toBe(tokens.accessToken);
  });
});

describe("client credentials", () => {
  it("fetches and stores the token when the connection is saved; the connection turns green", async () => {
    const d = await deployConnection(db, org, "sandbox_machine", null);
    const answer = await call(
      connectionRoute.PUT,
      "PUT",
      { id: d.instanceId, key: "files" },
      { values: { client_id: clients.machine.clientId, client_secret: clients.machine.clientSecret } },
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      status: "green",
      token: { ok: true, grantedScopes: ["files.read"] },
      authorization: { grantedScopes: ["files.read"], refreshable: true },
    });
    const credentialId = String(answer.json.credentialId);
    const stored = await readCredentialTokens(db, org.scope, credentialId);
    expect(stored).toMatchObject({ grantType: "client_credentials", nextRefreshAt: expect.any(Date) });
    expect(await introspect(provider.url, clients.machine, stored!.tokens.accessToken)).toMatchObject({
      active: true,
      client_id: clients.machine.clientId,
    });
  });

  it("reports a refused secret at the form field, red, logged with the provider's error", async () => {
    const d = await deployConnection(db, org, "sandbox_machine", null);
    const answer = await call(
      connectionRoute.PUT,
      "PUT",
      { id: d.instanceId, key: "files" },
      { values: { client_id: clients.machine.clientId, client_secret: "wrong-secret" } },
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      status: "red",
      token: {
        ok: false,
        message: expect.stringMatching(/invalid_client/),
        fields: { "values.client_secret": expect.stringMatching(/invalid_client/) },
      },
    });
    const events = await eventsOf(String(answer.json.credentialId));
    expect(events.at(-1)).toMatchObject({ event: "token request failed", level: "error" });
    expect(JSON.stringify(events)).not.toContain("wrong-secret");
  });

  it("fetches a token for an oauth2_client_credentials credential", async () => {
    const credential = await createCredential(
      db,
      org.scope,
      {
        label: "Machine",
        authMethod: "oauth2_client_credentials",
        values: {
          client_id: clients.machine.clientId,
          client_secret: clients.machine.clientSecret,
          token_uri: provider.endpoints.token,
          scopes: "files.read files.write",
        },
      },
      null,
    );
    const result = await clientCredentialsToken(db, org.scope, { credentialId: credential.id });
    expect(result).toMatchObject({ ok: true, grantedScopes: ["files.read", "files.write"] });
    expect(await getCredentialDto(db, org.scope, credential.id)).toMatchObject({ complete: true, status: "green" });
  });
});
