import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { connectionTypeInputSchema } from "@/lib/connection-types/definition";
import { createConnectionType } from "@/lib/connection-types/service";
import { createCredential } from "@/lib/credentials/service";
import { readCredentialTokens } from "@/lib/credentials/secrets";
import { handleCallback } from "@/lib/oauth/callback";
import { startAuthorization } from "@/lib/oauth/authorize";
import { makeOrg, type Org } from "../support/oauth-fixtures";

// Token endpoints as some real providers answer: form-encoded bodies, no expires_in, the token
// nested in the answer, extra fields to keep, callback parameters to keep (QuickBooks' realmId),
// custom headers. A small real HTTP server plays that token endpoint; its authorization endpoint
// needs no sign-in, so the test builds the provider's redirect itself.

type Seen = { headers: IncomingHttpHeaders; body: URLSearchParams };
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
};

async function quirkyCredential(
  path: string,
  oauth: Record<string, unknown>,
  headers: { name: string; value: string; on: "authorize" | "token" | "both" }[] = [],
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
    { label: "Quirky", authMethod: key, values: { client_id: "quirky-client", client_secret: SECRET }, headers },
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
      const body = new URLSearchParams(Buffer.concat(chunks).toString());
      seen.push({ headers: req.headers, body });
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
