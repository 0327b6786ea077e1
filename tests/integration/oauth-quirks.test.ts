import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { connectionTypeInputSchema } from "@/lib/connection-types/definition";
import { createConnectionType } from "@/lib/connection-types/service";
import { createCredential } from "@/lib/credentials/service";
import { readCredentialTokens } from "@/lib/credentials/secrets";
import { handleCallback } from "@/lib/oauth/callback";
import { startAuthorization } from "@/lib/oauth/authorize";
import { refreshIfDue } from "@/lib/refresh/on-demand";
import { setInstanceConnection } from "@/lib/instances/connections";
import { deployConnection, makeOrg, type Org } from "../support/oauth-fixtures";

// Token endpoints as some real providers answer: form-encoded bodies, no expires_in, the token
// nested in the answer, extra fields to keep, callback parameters to keep (QuickBooks' realmId),
// custom headers. A small real HTTP server plays that token endpoint; its authorization endpoint
// needs no sign-in, so the test builds the provider's redirect itself.

type Seen = { url: string; headers: IncomingHttpHeaders; body: URLSearchParams; raw: string };
let db: Db;
let org: Org;
let server: Server;
let base = "";
const seen: Seen[] = [];
const SECRET = `quirky-secret-${randomUUID()}`;
const ACCESS = `quirky-access-${randomUUID()}`;

// Each path answers one way; the code is echoed into the token so a test can tell answers apart.
const answers: Record<string, (code: string) => { type: string; body: string; status?: number }> = {
  "/form": (code) => ({
    type: "application/x-www-form-urlencoded",
    body: new URLSearchParams({
      access_token: `${ACCESS}-${code}`,
      token_type: "bearer",
      refresh_token: "r1",
      x_refresh_token_expires_in: "8726400",
    }).toString(),
  }),
  "/nested": (code) => ({
    type: "application/json",
    body: JSON.stringify({
      ok: true,
      access_token: "xoxb-bot",
      token_type: "bot",
      scope: "chat:write",
      team: { id: "T1", name: "Team" },
      authed_user: {
        id: "U1",
        access_token: `${ACCESS}-${code}`,
        token_type: "user",
        scope: "channels:read,chat:write",
      },
    }),
  }),
  "/salesforce": (code) => ({
    type: "application/json",
    body: JSON.stringify({
      access_token: `${ACCESS}-${code}`,
      token_type: "Bearer",
      instance_url: "https://acme.my.salesforce.example",
      id: "https://login.example/id/1",
      issued_at: "1700000000000",
      signature: "sig",
    }),
  }),
  "/slack-error": () => ({ type: "application/json", body: JSON.stringify({ ok: false, error: "invalid_code" }) }),
  // A JSON-only endpoint: a form body is refused, the way such providers refuse it.
  "/json-only": (code) => ({
    type: "application/json",
    body: JSON.stringify({ access_token: `${ACCESS}-${code}`, token_type: "bearer", refresh_token: "json-r1" }),
  }),
  // Everything nested under data, the lifetime and expiry renamed.
  "/deep": (code) => ({
    type: "application/json",
    body: JSON.stringify({
      data: { token: { value: `${ACCESS}-${code}`, renew: "deep-r1", lifetime: "7200" } },
    }),
  }),
  "/expires-at": (code) => ({
    type: "application/json",
    body: JSON.stringify({
      access_token: `${ACCESS}-${code}`,
      token_type: "bearer",
      refresh_token: "at-r1",
      session: { expires_at: new Date(Date.now() + 30 * 60_000).toISOString() },
    }),
  }),
  // A 200 whose error sits where this provider puts it.
  "/errors-list": () => ({
    type: "application/json",
    body: JSON.stringify({ result: null, failure: { code: "bad_verification_code" } }),
  }),
  // The code exchange gives a refresh token; the refresh answers without one (the held one must stay).
  "/no-rotation": (code) => ({
    type: "application/json",
    body: JSON.stringify({
      access_token: `${ACCESS}-${code || "refreshed"}`,
      token_type: "bearer",
      expires_in: 3600,
      ...(code ? { refresh_token: "kept-r1" } : {}),
    }),
  }),
  // A token that lasts: no expiry, no refresh token.
  "/lasting": (code) => ({
    type: "application/json",
    body: JSON.stringify({ access_token: `${ACCESS}-${code}`, token_type: "bearer" }),
  }),
  // Atlassian-like: the sites this token may reach, an array, asked for after CONNECT with the token.
  "/accessible-resources": () => ({
    type: "application/json",
    body: JSON.stringify([{ id: "cloud-1", url: "https://acme.atlassian.example", name: "Acme" }]),
  }),
  "/tenants/initech-eu/token": (code) => ({
    type: "application/json",
    body: JSON.stringify({ access_token: `${ACCESS}-${code}`, token_type: "bearer", expires_in: 600 }),
  }),
};

async function quirkyCredential(
  path: string,
  oauth: Record<string, unknown>,
  headers: { name: string; value: string; on: "authorize" | "token" | "both" }[] = [],
  o: { fields?: Record<string, unknown>[]; values?: Record<string, string> } = {},
) {
  const key = `quirky_${randomUUID().replace(/-/g, "").slice(0, 8)}`;
  await createConnectionType(
    db,
    org.organizationId,
    connectionTypeInputSchema.parse({
      key,
      label: "Quirky",
      kind: "oauth2",
      fields: [
        { key: "client_id", label: "Client ID", type: "string", required: true },
        { key: "client_secret", label: "Client secret", type: "password", required: true },
        { key: "auth_uri", label: "Authorization URL", type: "url", default: `${base}/authorize` },
        { key: "token_uri", label: "Token URL", type: "url", default: `${base}${path}` },
        { key: "scopes", label: "Scopes", type: "string", default: "read" },
        ...(o.fields ?? []),
      ],
      oauth: {
        pkce: false,
        tokenAuthMethod: "client_secret_basic",
        headers: [
          { name: "X-Api-Version", value: "7", on: "token" },
          { name: "X-Authorize-Only", value: "a", on: "authorize" },
        ],
        ...oauth,
      },
    }),
  );
  return createCredential(
    db,
    org.scope,
    {
      label: "Quirky",
      authMethod: key,
      values: { client_id: "quirky-client", client_secret: SECRET, ...o.values },
      headers,
    },
    null,
  );
}

/** CONNECT, then the provider's redirect as this provider would send it. */
async function roundTrip(credentialId: string, extra: Record<string, string> = {}) {
  const { url } = await startAuthorization(db, org.scope, { credentialId }, { userId: org.userId });
  const code = randomUUID();
  return {
    code,
    result: await handleCallback(
      db,
      new URLSearchParams({ code, state: new URL(url).searchParams.get("state")!, ...extra }),
    ),
  };
}

beforeAll(async () => {
  db = await getDb();
  org = await makeOrg(db);
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString();
      const json = /json/.test(req.headers["content-type"] ?? "");
      const body = json ? new URLSearchParams(JSON.parse(raw) as Record<string, string>) : new URLSearchParams(raw);
      seen.push({ url: req.url ?? "", headers: req.headers, body, raw });
      if (req.url === "/json-only" && !json) {
        res.writeHead(415, { "content-type": "application/json" });
        return res.end(JSON.stringify({ error: "invalid_request", error_description: "JSON bodies only" }));
      }
      const answer = answers[req.url ?? ""]?.(body.get("code") ?? "");
      res.writeHead(answer?.status ?? (answer ? 200 : 404), { "content-type": answer?.type ?? "text/plain" });
      res.end(answer?.body ?? "not found");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("token response quirks", () => {
  it("accepts a form-encoded answer without expires_in, keeps the callback's realmId, and sends the custom headers", async () => {
    const credential = await quirkyCredential(
      "/form",
      { keepCallbackParams: ["realmId"], keepTokenFields: ["x_refresh_token_expires_in"] },
      [{ name: "X-Tenant", value: "initech", on: "both" }],
    );
    const before = Date.now();
    const { code, result } = await roundTrip(credential.id, { realmId: "9130350000" });
    expect(result).toMatchObject({ ok: true });
    const stored = await readCredentialTokens(db, org.scope, credential.id);
    // No stated lifetime, but a refresh token: the default lifetime (an hour) applies, so it is renewed.
    expect(stored!.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 3_600_000 - 1_000);
    expect(stored!.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(stored).toMatchObject({
      tokens: {
        accessToken: `${ACCESS}-${code}`,
        refreshToken: "r1",
        tokenType: "bearer",
        metadata: { realmId: "9130350000", x_refresh_token_expires_in: "8726400" },
      },
    });

    const request = seen.at(-1)!;
    // RFC 6749 section 2.3.1: id and secret are form-urlencoded before base64.
    const [id, secret] = Buffer.from(request.headers.authorization!.replace(/^Basic /, ""), "base64")
      .toString()
      .split(":")
      .map(decodeURIComponent);
    expect([id, secret]).toEqual(["quirky-client", SECRET]);
    expect(request.headers["x-api-version"]).toBe("7");
    expect(request.headers["x-tenant"]).toBe("initech");
    expect(request.headers["x-authorize-only"]).toBeUndefined();
    expect(Object.fromEntries(request.body)).toEqual({
      grant_type: "authorization_code",
      code,
      redirect_uri: expect.stringMatching(/\/api\/oauth\/callback$/),
    });
  });

  it("reads a nested token with its own scopes, and keeps the named fields", async () => {
    const credential = await quirkyCredential("/nested", {
      accessTokenPath: "authed_user.access_token",
      keepTokenFields: ["team", "authed_user.id"],
      scopeSeparator: ",",
    });
    const { code, result } = await roundTrip(credential.id);
    expect(result).toMatchObject({ ok: true });
    const stored = await readCredentialTokens(db, org.scope, credential.id);
    expect(stored).toMatchObject({
      grantedScopes: ["channels:read", "chat:write"],
      tokens: {
        accessToken: `${ACCESS}-${code}`,
        tokenType: "bearer",
        metadata: { team: { id: "T1", name: "Team" }, "authed_user.id": "U1" },
      },
    });
  });

  it("keeps Salesforce's instance_url and id with the tokens", async () => {
    const credential = await quirkyCredential("/salesforce", {
      tokenAuthMethod: "client_secret_post",
      keepTokenFields: ["instance_url", "id", "issued_at"],
    });
    const { result } = await roundTrip(credential.id);
    expect(result).toMatchObject({ ok: true });
    expect((await readCredentialTokens(db, org.scope, credential.id))!.tokens.metadata).toEqual({
      instance_url: "https://acme.my.salesforce.example",
      id: "https://login.example/id/1",
      issued_at: "1700000000000",
    });
    const request = seen.at(-1)!;
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body.get("client_secret")).toBe(SECRET);
  });

  it("treats a 200 answer carrying an error as the error it is", async () => {
    const credential = await quirkyCredential("/slack-error", {});
    const { result } = await roundTrip(credential.id);
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Token exchange failed: The provider answered 400 invalid_code/),
    });
    expect(await readCredentialTokens(db, org.scope, credential.id)).toBeUndefined();
  });
});

const makeDue = (credentialId: string) =>
  db.execute(
    sql`update credential_tokens set next_refresh_at = now() - interval '1 second' where credential_id = ${credentialId}`,
  );
const tenantField = {
  key: "tenant",
  label: "Tenant",
  type: "string",
  required: true,
  pattern: "[a-z0-9-]+",
  patternMessage: "A tenant is lower case letters, digits and dashes",
};

describe("token request and answer quirks as data", () => {
  it("sends a JSON token request with the type's token parameters", async () => {
    const credential = await quirkyCredential("/json-only", {
      tokenRequestFormat: "json",
      tokenAuthMethod: "client_secret_post",
      tokenParams: { audience: "api.quirky" },
    });
    const { code, result } = await roundTrip(credential.id);
    expect(result).toMatchObject({ ok: true });
    const request = seen.at(-1)!;
    expect(request.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(request.raw)).toMatchObject({
      grant_type: "authorization_code",
      code,
      client_id: "quirky-client",
      client_secret: SECRET,
      audience: "api.quirky",
    });
    expect((await readCredentialTokens(db, org.scope, credential.id))!.tokens.refreshToken).toBe("json-r1");
  });

  it("reads the access token, refresh token and lifetime from nested, renamed fields", async () => {
    const credential = await quirkyCredential("/deep", {
      accessTokenPath: "data.token.value",
      refreshTokenPath: "data.token.renew",
      expiresInPath: "data.token.lifetime",
    });
    const before = Date.now();
    const { code, result } = await roundTrip(credential.id);
    expect(result).toMatchObject({ ok: true });
    const stored = (await readCredentialTokens(db, org.scope, credential.id))!;
    expect(stored.tokens).toMatchObject({ accessToken: `${ACCESS}-${code}`, refreshToken: "deep-r1" });
    expect(stored.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 7_200_000 - 1_000);
    expect(stored.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 7_200_000);
  });

  it("reads an absolute expiry", async () => {
    const credential = await quirkyCredential("/expires-at", { expiresAtPath: "session.expires_at" });
    const { result } = await roundTrip(credential.id);
    expect(result).toMatchObject({ ok: true });
    const stored = (await readCredentialTokens(db, org.scope, credential.id))!;
    expect(Math.abs(stored.expiresAt!.getTime() - (Date.now() + 30 * 60_000))).toBeLessThan(60_000);
  });

  it("treats a 200 whose errorPath holds a value as the error it names, storing nothing", async () => {
    const credential = await quirkyCredential("/errors-list", { errorPath: "failure.code" });
    const { result } = await roundTrip(credential.id);
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/400 bad_verification_code/) });
    expect(await readCredentialTokens(db, org.scope, credential.id)).toBeUndefined();
  });

  it("keeps the held refresh token when a refresh answers without one, and sends the refresh parameters", async () => {
    const credential = await quirkyCredential("/no-rotation", {
      refreshTokenPolicy: "keep",
      tokenParams: { on: "code" },
      refreshParams: { on: "refresh" },
    });
    const { code, result } = await roundTrip(credential.id);
    expect(result).toMatchObject({ ok: true });
    expect(seen.at(-1)!.body.get("on")).toBe("code");
    await makeDue(credential.id);
    await refreshIfDue(db, credential.id);
    const request = seen.at(-1)!;
    expect(Object.fromEntries(request.body)).toEqual({
      grant_type: "refresh_token",
      refresh_token: "kept-r1",
      on: "refresh",
    });
    const stored = (await readCredentialTokens(db, org.scope, credential.id))!;
    expect(stored.tokens).toMatchObject({ accessToken: `${ACCESS}-refreshed`, refreshToken: "kept-r1" });
    expect(stored.tokens.accessToken).not.toBe(`${ACCESS}-${code}`);
    expect(stored.nextRefreshAt).not.toBeNull();
  });

  it("holds a token that does not expire without an expiry or a refresh time", async () => {
    const credential = await quirkyCredential("/lasting", { refreshTokenPolicy: "none" });
    const { result } = await roundTrip(credential.id);
    expect(result).toMatchObject({ ok: true });
    const stored = (await readCredentialTokens(db, org.scope, credential.id))!;
    expect(stored).toMatchObject({ expiresAt: null, nextRefreshAt: null });
  });

  it("asks for offline access for the integrator, as a scope and as a parameter", async () => {
    const credential = await quirkyCredential("/lasting", {
      offlineAccess: { scope: "offline_access", params: { access_type: "offline" } },
    });
    const { url } = await startAuthorization(db, org.scope, { credentialId: credential.id }, { userId: org.userId });
    const query = new URL(url).searchParams;
    expect(query.get("scope")).toBe("read offline_access");
    expect(query.get("access_type")).toBe("offline");
  });
});

describe("the after-CONNECT request", () => {
  it("asks with the new token and keeps the named answer fields as token metadata", async () => {
    const credential = await quirkyCredential("/lasting", {
      postConnect: { url: `${base}/accessible-resources`, keep: { cloud_id: "0.id", site_url: "0.url" } },
    });
    const { code, result } = await roundTrip(credential.id);
    expect(result).toMatchObject({ ok: true });
    const request = seen.at(-1)!;
    expect(request.url).toBe("/accessible-resources");
    expect(request.headers.authorization).toBe(`Bearer ${ACCESS}-${code}`);
    expect((await readCredentialTokens(db, org.scope, credential.id))!.tokens.metadata).toEqual({
      cloud_id: "cloud-1",
      site_url: "https://acme.atlassian.example",
    });
  });

  it("sends the type's headers, templated from a non-secret field, beside the access token", async () => {
    const credential = await quirkyCredential(
      "/lasting",
      {
        postConnect: {
          url: `${base}/accessible-resources`,
          headers: [
            { name: "X-Tenant", value: "tenant {{tenant}}" },
            { name: "Accept", value: "application/vnd.quirky+json" },
          ],
          keep: { cloud_id: "0.id" },
        },
      },
      [],
      { fields: [tenantField], values: { tenant: "initech-eu" } },
    );
    const { code, result } = await roundTrip(credential.id);
    expect(result).toMatchObject({ ok: true });
    const request = seen.at(-1)!;
    expect(request.url).toBe("/accessible-resources");
    expect(request.headers["x-tenant"]).toBe("tenant initech-eu");
    expect(request.headers.accept).toBe("application/vnd.quirky+json");
    expect(request.headers.authorization).toBe(`Bearer ${ACCESS}-${code}`);
    expect((await readCredentialTokens(db, org.scope, credential.id))!.tokens.metadata).toEqual({
      cloud_id: "cloud-1",
    });
  });

  it("refuses at save a header that names a secret field, or replaces the access token", async () => {
    const postConnect = (headers: { name: string; value: string }[]) =>
      quirkyCredential("/lasting", {
        postConnect: { url: `${base}/accessible-resources`, headers, keep: { id: "0.id" } },
      });
    await expect(postConnect([{ name: "X-Secret", value: "{{client_secret}}" }])).rejects.toMatchObject({
      issues: [
        {
          path: ["oauth", "postConnect", "headers", 0, "value"],
          message: expect.stringMatching(
            /^The after-CONNECT header X-Secret names \{\{client_secret\}\}, a secret field/,
          ),
        },
      ],
    });
    await expect(postConnect([{ name: "Authorization", value: "Basic x" }])).rejects.toMatchObject({
      issues: [{ path: ["oauth", "postConnect", "headers", 0, "name"] }],
    });
  });

  it("fails the CONNECT, storing nothing, when the after-CONNECT request fails", async () => {
    const credential = await quirkyCredential("/lasting", {
      postConnect: { url: `${base}/no-such-resource`, keep: { cloud_id: "0.id" } },
    });
    const { result } = await roundTrip(credential.id);
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/after-CONNECT request answered 404/) });
    expect(await readCredentialTokens(db, org.scope, credential.id)).toBeUndefined();
  });
});

describe("templated endpoints", () => {
  it("fills the token URL from the connection's field", async () => {
    const credential = await quirkyCredential("/tenants/{{tenant}}/token", {}, [], {
      fields: [tenantField],
      values: { tenant: "initech-eu" },
    });
    const { code, result } = await roundTrip(credential.id);
    expect(result).toMatchObject({ ok: true });
    expect(seen.at(-1)!.url).toBe("/tenants/initech-eu/token");
    expect((await readCredentialTokens(db, org.scope, credential.id))!.tokens.accessToken).toBe(`${ACCESS}-${code}`);
  });

  it("refuses a value that does not match its field's pattern, with the pattern's message", async () => {
    await expect(
      quirkyCredential("/tenants/{{tenant}}/token", {}, [], {
        fields: [tenantField],
        values: { tenant: "evil.example/x" },
      }),
    ).rejects.toMatchObject({
      // A ZodError: the API answers it as a 400 with the message at values.tenant.
      issues: [{ path: ["values", "tenant"], message: "A tenant is lower case letters, digits and dashes" }],
    });
  });

  it("refuses a bad subdomain through an instance's wizard too (the built-in Zendesk type's pattern)", async () => {
    const deployed = await deployConnection(db, org, "zendesk", null);
    const save = (subdomain: string) =>
      setInstanceConnection(
        db,
        org.scope,
        deployed.instanceId,
        "files",
        { values: { subdomain, client_id: "zd", client_secret: SECRET } },
        "organization",
        null,
      );
    await expect(save("evil.example/x")).rejects.toMatchObject({
      issues: [{ path: ["values", "subdomain"], message: "Zendesk subdomain looks like acme" }],
    });
    await save("acme"); // a good subdomain is stored (it would throw otherwise)
  });

  it("refuses a type whose template names a missing field, a secret field, or a field without a pattern", () => {
    const type = (tokenUri: string, fields: Record<string, unknown>[] = []) =>
      connectionTypeInputSchema.safeParse({
        key: "templated",
        label: "Templated",
        kind: "oauth2",
        fields: [
          { key: "client_id", label: "Client ID", type: "string" },
          { key: "client_secret", label: "Client secret", type: "password" },
          { key: "auth_uri", label: "Authorization URL", type: "url", default: "https://p.example/auth" },
          { key: "token_uri", label: "Token URL", type: "url", default: tokenUri },
          ...fields,
        ],
      });
    const messages = (r: ReturnType<typeof type>) => (r.success ? [] : r.error.issues.map((i) => i.message));
    expect(messages(type("https://{{shop}}.p.example/token"))).toEqual([
      "Token URL names {{shop}}, which is not a field of this type",
    ]);
    expect(messages(type("https://{{client_secret}}.p.example/token"))[0]).toMatch(/a secret field/);
    expect(messages(type("https://{{shop}}.p.example/token", [{ key: "shop", label: "Shop" }]))[0]).toMatch(
      /needs a pattern/,
    );
    expect(type("https://{{shop}}.p.example/token", [{ key: "shop", label: "Shop", pattern: "[a-z]+" }]).success).toBe(
      true,
    );
  });
});
