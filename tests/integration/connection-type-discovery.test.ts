import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { connectionTypeInputSchema } from "@/lib/connection-types/definition";
import { discoverConnectionType } from "@/lib/connection-types/discovery";
import { createConnectionType } from "@/lib/connection-types/service";
import { createCredential } from "@/lib/credentials/service";
import { readCredentialTokens } from "@/lib/credentials/secrets";
import type { SandboxProvider } from "@/lib/sandbox-provider";
import * as discoverRoute from "@/app/api/v1/connection-types/discover/route";
import { clients, connect, makeOrg, startTestProvider, type Org } from "../support/oauth-fixtures";

// OAuth discovery against the real oidc-provider's own metadata (RFC 8414): the draft it answers is
// saved as a type and connects. A small real HTTP server plays issuers that publish only OpenID
// Connect discovery, or answer something that is not metadata.

let db: Db;
let org: Org;
let provider: SandboxProvider;
let other: Server;
let otherUrl = "";

beforeAll(async () => {
  db = await getDb();
  org = await makeOrg(db);
  provider = await startTestProvider();
  other = createServer((req, res) => {
    const answers: Record<string, [number, unknown]> = {
      "/oidc-only/.well-known/openid-configuration": [
        200,
        {
          issuer: `${otherUrl}/oidc-only`,
          token_endpoint: `${otherUrl}/oidc-only/token`,
          token_endpoint_auth_methods_supported: ["private_key_jwt"],
        },
      ],
      "/junk/.well-known/openid-configuration": [200, { hello: "world" }],
      "/no-issuer/.well-known/openid-configuration": [200, { token_endpoint: `${otherUrl}/no-issuer/token` }],
      "/listed/.well-known/openid-configuration": [200, [{ issuer: `${otherUrl}/listed` }]],
      "/copied/.well-known/openid-configuration": [
        200,
        { issuer: "https://elsewhere.example", token_endpoint: "https://elsewhere.example/token" },
      ],
    };
    // A single-page app answering every path with its page.
    if (req.url?.includes("/spa/")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end("<!doctype html><title>Acme</title><div id=root></div>");
      return;
    }
    const [status, body] = answers[req.url ?? ""] ?? [404, { error: "not found" }];
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
  otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await provider.close();
  await new Promise((resolve) => other.close(resolve));
});

describe("OAuth discovery", () => {
  it("reads the provider's own metadata into a draft type that saves and connects", async () => {
    const found = await discoverConnectionType(provider.issuer);
    expect(found.metadata).toMatchObject({
      source: "oauth-authorization-server",
      codeChallengeMethodsSupported: expect.arrayContaining(["S256"]),
      scopesSupported: expect.arrayContaining(["openid", "offline_access"]),
    });
    const draft = connectionTypeInputSchema.parse({ ...found.draft, key: `discovered_${Date.now()}` });
    expect(draft.kind).toBe("oauth2");
    const defaults = Object.fromEntries(draft.fields.map((f) => [f.key, f.default]));
    expect(defaults).toMatchObject({
      auth_uri: provider.endpoints.authorization,
      token_uri: provider.endpoints.token,
      revoke_uri: provider.endpoints.revocation,
    });
    expect(draft.oauth).toMatchObject({
      pkce: true,
      tokenAuthMethod: "client_secret_basic",
      issuer: provider.issuer,
      offlineAccess: { scope: "offline_access" },
    });

    // The draft, saved with a consent prompt (oidc-provider grants offline_access only then), connects.
    await createConnectionType(db, org.organizationId, {
      ...draft,
      oauth: { ...draft.oauth!, authorizeParams: { prompt: "consent" } },
    });
    const credential = await createCredential(
      db,
      org.scope,
      {
        label: "Discovered",
        authMethod: draft.key,
        values: { client_id: clients.basic.clientId, client_secret: clients.basic.clientSecret, scopes: "files.read" },
      },
      null,
    );
    const { url, result } = await connect(
      db,
      provider,
      org.scope,
      { credentialId: credential.id },
      { userId: org.userId },
    );
    expect(url.searchParams.get("scope")).toBe("files.read offline_access");
    expect(result).toMatchObject({ ok: true });
    expect((await readCredentialTokens(db, org.scope, credential.id))!.tokens.refreshToken).toBeTruthy();
  });

  it("falls back to OpenID Connect discovery, and drafts what the server offers", async () => {
    const found = await discoverConnectionType(`${otherUrl}/oidc-only`);
    expect(found.metadata.source).toBe("openid-configuration");
    // No authorization endpoint: a client credentials type; private_key_jwt: a private key, no secret.
    expect(found.draft).toMatchObject({
      kind: "oauth2_client_credentials",
      oauth: { tokenAuthMethod: "private_key_jwt" },
    });
    expect(found.draft.fields.map((f) => f.key)).toEqual(["client_id", "private_key", "token_uri", "scopes"]);
    expect(connectionTypeInputSchema.safeParse(found.draft).success).toBe(true);
  });

  it("says clearly what is wrong with an issuer that is not one", async () => {
    await expect(discoverConnectionType("not a url")).rejects.toMatchObject({
      fields: { issuer: expect.stringMatching(/full URL/) },
    });
    await expect(discoverConnectionType(`${provider.issuer}?x=1`)).rejects.toMatchObject({
      fields: { issuer: expect.stringMatching(/no query/) },
    });
    await expect(discoverConnectionType(`${otherUrl}/junk`)).rejects.toMatchObject({
      fields: { issuer: expect.stringMatching(/does not answer OAuth metadata/) },
    });
    await expect(discoverConnectionType(`${otherUrl}/copied`)).rejects.toMatchObject({
      fields: { issuer: expect.stringMatching(/names the issuer https:\/\/elsewhere\.example/) },
    });
    await expect(discoverConnectionType(`${otherUrl}/nothing`)).rejects.toMatchObject({
      fields: { issuer: expect.stringMatching(/publishes no OAuth metadata/) },
    });
  });

  it("answers a 400 through the API that says why an answer is not metadata: a web page, no issuer, another issuer", async () => {
    const discover = async (issuer: string) => {
      const response = await discoverRoute.POST(
        new Request("http://localhost/api/v1/connection-types/discover", {
          method: "POST",
          headers: { authorization: `Bearer ${org.apiKey}`, "content-type": "application/json" },
          body: JSON.stringify({ issuer }),
        }),
        { params: Promise.resolve({}) },
      );
      const json = (await response.json()) as { error: { message: string; fields: Record<string, string> } };
      return { status: response.status, issuer: json.error?.fields?.issuer };
    };
    expect(await discover(`${otherUrl}/spa/app`)).toEqual({
      status: 400,
      issuer: `${otherUrl}/.well-known/oauth-authorization-server/spa/app answers an HTML page, not OAuth metadata (JSON)`,
    });
    expect(await discover(`${otherUrl}/no-issuer`)).toEqual({
      status: 400,
      issuer: `${otherUrl}/no-issuer/.well-known/openid-configuration does not answer OAuth metadata: it names no issuer`,
    });
    expect(await discover(`${otherUrl}/listed`)).toEqual({
      status: 400,
      issuer: `${otherUrl}/listed/.well-known/openid-configuration does not answer OAuth metadata: it is not a JSON object`,
    });
    expect(await discover(`${otherUrl}/copied`)).toEqual({
      status: 400,
      issuer: `The metadata names the issuer https://elsewhere.example, not ${otherUrl}/copied: it is not this server's`,
    });
    expect(await discover(`${otherUrl}/nothing`)).toEqual({
      status: 400,
      issuer: `${otherUrl.replace("http://", "")} publishes no OAuth metadata (tried RFC 8414 and OpenID Connect discovery)`,
    });
  });
});
