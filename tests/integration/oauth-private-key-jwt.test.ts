import { generateKeyPairSync, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { connectionTypeInputSchema } from "@/lib/connection-types/definition";
import { createConnectionType } from "@/lib/connection-types/service";
import { createCredential } from "@/lib/credentials/service";
import { readCredentialTokens } from "@/lib/credentials/secrets";
import { startSandboxProvider, type SandboxProvider } from "@/lib/sandbox-provider";
import { CALLBACK, connect, makeOrg, type Org } from "../support/oauth-fixtures";

// private_key_jwt (RFC 7523) against the real oidc-provider, which holds only the client's public
// key: the code is exchanged with an assertion signed by the private key the credential holds
// encrypted, and no secret travels. A client that sends a secret instead is refused by the
// provider, so a passing exchange proves the assertion was what authenticated it.

let db: Db;
let org: Org;
let provider: SandboxProvider;
const keys = generateKeyPairSync("ec", { namedCurve: "P-256" });
const CLIENT_ID = "lk-jwt";

beforeAll(async () => {
  db = await getDb();
  org = await makeOrg(db);
  provider = await startSandboxProvider({
    accessTokenTtlSeconds: 60,
    clients: [
      {
        clientId: CLIENT_ID,
        clientSecret: `unused-${randomUUID()}`,
        authMethod: "private_key_jwt",
        publicJwk: { ...keys.publicKey.export({ format: "jwk" }), alg: "ES256", use: "sig" },
        redirectUris: [CALLBACK],
      },
    ],
  });
});

afterAll(() => provider.close());

async function jwtCredential() {
  const key = `jwt_${randomUUID().replace(/-/g, "").slice(0, 8)}`;
  await createConnectionType(
    db,
    org.organizationId,
    connectionTypeInputSchema.parse({
      key,
      label: "Signed client",
      kind: "oauth2",
      fields: [
        { key: "client_id", label: "Client ID", type: "string", required: true },
        { key: "private_key", label: "Private key", type: "text", required: true, format: "private_key" },
        { key: "auth_uri", label: "Authorization URL", type: "url", default: provider.endpoints.authorization },
        { key: "token_uri", label: "Token URL", type: "url", default: provider.endpoints.token },
        { key: "scopes", label: "Scopes", type: "string", default: "files.read offline_access" },
      ],
      oauth: { pkce: true, tokenAuthMethod: "private_key_jwt", authorizeParams: { prompt: "consent" } },
    }),
  );
  const pem = keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return createCredential(
    db,
    org.scope,
    { label: "Signed", authMethod: key, values: { client_id: CLIENT_ID, private_key: pem } },
    null,
  );
}

describe("private_key_jwt client authentication", () => {
  it("exchanges the code with a signed assertion, and refuses a type without a secret private_key field", async () => {
    const credential = await jwtCredential();
    const { result } = await connect(db, provider, org.scope, { credentialId: credential.id }, { userId: org.userId });
    expect(result).toMatchObject({ ok: true });
    const stored = (await readCredentialTokens(db, org.scope, credential.id))!;
    expect(stored.tokens.accessToken).toBeTruthy();
    expect(stored.tokens.refreshToken).toBeTruthy();

    const without = connectionTypeInputSchema.safeParse({
      key: "jwt_without_key",
      label: "No key",
      kind: "oauth2",
      fields: [
        { key: "client_id", label: "Client ID" },
        { key: "auth_uri", label: "Authorization URL", type: "url" },
        { key: "token_uri", label: "Token URL", type: "url" },
      ],
      oauth: { tokenAuthMethod: "private_key_jwt" },
    });
    expect(without.success).toBe(false);
    expect(without.error?.issues[0]?.message).toMatch(/private_key field/);
  });
});
