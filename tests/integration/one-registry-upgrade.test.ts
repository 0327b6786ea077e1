import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import {
  configVariables,
  connectionTypes,
  credentialTokens,
  credentials,
  instanceConnections,
  integrationSteps,
} from "@/db/schema";
import { carryCustomTypesOver } from "@/lib/connection-types/upgrade";
import { createCredential, getCredentialDto } from "@/lib/credentials/service";
import { readCredentialTokens, readCredentialValues } from "@/lib/credentials/secrets";
import { saveCredentialTokens, type TokenSet } from "@/lib/credentials/tokens";
import { connectionRuntimeValues } from "@/lib/runtime/values";
import { freshDatabase } from "../support/fresh-database";
import { deployConnection, makeOrg, type Org } from "../support/oauth-fixtures";

// The one registry of connection types, on a database made by the migrations before it: the six
// auth methods read as built-in types, a custom type that had a built-in key moves off it, and no
// value or token is re-encrypted or lost on the way.

const methodValues: Record<string, Record<string, string>> = {
  api_key_secret: { api_key: "key-1", api_secret: "secret-1" },
  basic: { username: "alice", password: "pw-1" },
  private_key: {
    username: "deploy",
    private_key: "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----",
  },
  api_key: { api_key: "key-2" },
  oauth2: {
    client_id: "client-1",
    client_secret: "client-secret-1",
    scopes: "read write",
    auth_uri: "https://provider.example/authorize",
    token_uri: "https://provider.example/token",
  },
  oauth2_client_credentials: {
    client_id: "client-2",
    client_secret: "client-secret-2",
    token_uri: "https://provider.example/token",
  },
};
const tokensOf = (n: string): TokenSet => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  tokenType: "bearer",
  scope: "read",
  metadata: { instance_url: `https://${n}.example` },
});

let db: Db;
let close: () => Promise<void>;
let org: Org;

beforeAll(async () => {
  ({ db, close } = await freshDatabase());
  org = await makeOrg(db);
});
afterAll(() => close());

async function ciphertexts(id: string) {
  const [row] = await db.select({ v: credentials.valuesCiphertext }).from(credentials).where(eq(credentials.id, id));
  const [tokens] = await db
    .select({ t: credentialTokens.tokensCiphertext })
    .from(credentialTokens)
    .where(eq(credentialTokens.credentialId, id));
  return { values: row?.v, tokens: tokens?.t };
}

describe("carrying stored rows over to the one registry of connection types", () => {
  it("reads back every value and token of all six auth methods, unchanged and not re-encrypted", async () => {
    const made: { id: string; method: string; before: Awaited<ReturnType<typeof ciphertexts>> }[] = [];
    for (const [method, values] of Object.entries(methodValues)) {
      const c = await createCredential(db, org.scope, { label: `Upgrade ${method}`, authMethod: method, values }, null);
      if (method.startsWith("oauth2"))
        await saveCredentialTokens(db, { organizationId: org.organizationId, customerId: null }, c.id, {
          grantType: method === "oauth2" ? "authorization_code" : "client_credentials",
          tokens: tokensOf(method),
          expiresAt: new Date(Date.now() + 3_600_000),
          grantedScopes: ["read"],
          nextRefreshAt: new Date(Date.now() + 3_000_000),
        });
      made.push({ id: c.id, method, before: await ciphertexts(c.id) });
    }
    const dtosBefore = await Promise.all(made.map((m) => getCredentialDto(db, org.scope, m.id)));

    await carryCustomTypesOver(db);

    for (const [i, m] of made.entries()) {
      expect(await ciphertexts(m.id), m.method).toEqual(m.before);
      expect((await readCredentialValues(db, org.scope, m.id)).values, m.method).toEqual(methodValues[m.method]);
      const tokens = await readCredentialTokens(db, org.scope, m.id);
      if (m.method.startsWith("oauth2")) expect(tokens?.tokens, m.method).toEqual(tokensOf(m.method));
      else expect(tokens, m.method).toBeUndefined();
      expect(await getCredentialDto(db, org.scope, m.id), m.method).toEqual(dtosBefore[i]);
    }
  });

  it("moves a custom type keyed like a built-in auth method off the key, with its config variables, credentials and steps", async () => {
    const other = await makeOrg(db);
    // Declared before "basic" was a built-in type: stored as it was then.
    await db.insert(connectionTypes).values({
      organizationId: other.organizationId,
      key: "basic",
      label: "Acme basic",
      kind: "fields",
      definition: {
        key: "basic",
        label: "Acme basic",
        kind: "fields",
        fields: [
          { key: "username", label: "User", type: "string", required: true },
          { key: "password", label: "Password", type: "password", required: true },
          { key: "private_key", label: "Key", type: "text" },
        ],
        test: {
          url: "https://acme.example/me",
          method: "GET",
          auth: { type: "basic", usernameField: "username", passwordField: "password" },
        },
      },
    });
    const deployed = await deployConnection(db, other, "basic", null);
    const { setInstanceConnection } = await import("@/lib/instances/connections");
    await setInstanceConnection(
      db,
      other.scope,
      deployed.instanceId,
      deployed.key,
      { values: { username: "bob", password: "pw-2" } },
      "organization",
      null,
    );
    const [variable] = await db.select().from(configVariables).where(eq(configVariables.id, deployed.configVarId));
    await db.insert(integrationSteps).values({
      organizationId: other.organizationId,
      integrationId: deployed.integrationId,
      name: "Call",
      action: "basic.request",
      configVariableId: variable!.id,
    });
    const standalone = await createCredential(
      db,
      other.scope,
      { label: "Plain basic", authMethod: "basic", values: { username: "carol", password: "pw-3" } },
      null,
    );

    const outcome = await carryCustomTypesOver(db);
    expect(outcome.renamed).toContainEqual({ organizationId: other.organizationId, from: "basic", to: "basic_custom" });

    const [type] = await db
      .select()
      .from(connectionTypes)
      .where(and(eq(connectionTypes.organizationId, other.organizationId), eq(connectionTypes.key, "basic_custom")));
    expect(type?.definition).toMatchObject({ key: "basic_custom" });
    expect(
      (type?.definition.fields as { key: string; format?: string }[]).find((f) => f.key === "private_key")?.format,
    ).toBe("private_key");
    const [moved] = await db.select().from(configVariables).where(eq(configVariables.id, deployed.configVarId));
    expect(moved?.connectionType).toBe("basic_custom");
    const [step] = await db
      .select()
      .from(integrationSteps)
      .where(eq(integrationSteps.integrationId, deployed.integrationId));
    expect(step?.action).toBe("basic_custom.request");
    // The instance's credential follows its type and still hands over its values; the standalone one stays a "basic" credential.
    const runtime = await connectionRuntimeValues(db, other.scope, deployed.instanceId, deployed.key);
    expect(runtime.values).toEqual({ username: "bob", password: "pw-2" });
    const [link] = await db
      .select({ authMethod: credentials.authMethod })
      .from(instanceConnections)
      .innerJoin(credentials, eq(credentials.id, instanceConnections.credentialId))
      .where(eq(instanceConnections.instanceId, deployed.instanceId));
    expect(link?.authMethod).toBe("basic_custom");
    expect((await getCredentialDto(db, other.scope, standalone.id)).authMethod).toBe("basic");
    expect((await readCredentialValues(db, other.scope, standalone.id)).values).toEqual({
      username: "carol",
      password: "pw-3",
    });

    // A second run finds nothing more to do.
    expect((await carryCustomTypesOver(db)).renamed).toEqual([]);
  });
});
