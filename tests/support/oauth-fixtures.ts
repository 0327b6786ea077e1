import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { customers, organizations, users } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/service";
import { connectionTypeInputSchema } from "@/lib/connection-types/definition";
import { createConnectionType } from "@/lib/connection-types/service";
import { env } from "@/lib/env";
import { setInstanceConnection } from "@/lib/instances/connections";
import { deployInstance } from "@/lib/instances/service";
import { createIntegration } from "@/lib/integrations/service";
import { integrationInput } from "@/lib/integrations/schemas";
import { handleCallback } from "@/lib/oauth/callback";
import { startAuthorization, type Initiator } from "@/lib/oauth/authorize";
import type { OAuthTarget } from "@/lib/oauth/connection";
import { startSandboxProvider, type SandboxProvider } from "@/lib/sandbox-provider";
import type { TenantScope } from "@/lib/tenancy";
import { authorizeAtProvider, type Decision } from "./provider-session";

// The world of the OAuth integration tests: a real oidc-provider on 127.0.0.1 with a client per
// client authentication method, organizations with a user, a customer and an API key, and custom
// connection types pointing at the provider.

export const CALLBACK = `${env.baseUrl}/api/oauth/callback`;
export const clients = {
  basic: {
    clientId: "lk-basic",
    clientSecret: `basic-secret-${randomUUID()}`,
    authMethod: "client_secret_basic" as const,
  },
  post: { clientId: "lk-post", clientSecret: `post-secret-${randomUUID()}`, authMethod: "client_secret_post" as const },
  machine: {
    clientId: "lk-machine",
    clientSecret: `machine-secret-${randomUUID()}`,
    authMethod: "client_secret_basic" as const,
  },
};
export type TestClient = (typeof clients)[keyof typeof clients];

/** The provider the tests talk to; access tokens live a minute. */
export function startTestProvider(): Promise<SandboxProvider> {
  return startSandboxProvider({
    accessTokenTtlSeconds: 60,
    clients: [
      { ...clients.basic, redirectUris: [CALLBACK] },
      { ...clients.post, redirectUris: [CALLBACK] },
      { ...clients.machine, clientCredentials: true },
    ],
  });
}

export type Org = {
  organizationId: string;
  customerId: string;
  userId: string;
  apiKey: string;
  apiKeyId: string;
  scope: TenantScope;
};

/** An organization with a team admin, a customer and an admin API key. */
export async function makeOrg(db: Db, allowedRedirectOrigins: string[] = []): Promise<Org> {
  const [org] = await db
    .insert(organizations)
    .values({ name: "OAuth org", slug: `oauth-${randomUUID()}`, allowedRedirectOrigins })
    .returning();
  const [customer] = await db.insert(customers).values({ organizationId: org!.id, name: "Initech" }).returning();
  const [user] = await db
    .insert(users)
    .values({
      organizationId: org!.id,
      email: `admin-${randomUUID()}@example.com`,
      name: "Admin",
      role: "admin",
      passwordHash: "not-used",
    })
    .returning();
  const { key, token } = await createApiKey(db, org!.id, null, { name: "oauth tests", role: "admin" });
  return {
    organizationId: org!.id,
    customerId: customer!.id,
    userId: user!.id,
    apiKey: token,
    apiKeyId: key!.id,
    scope: { organizationId: org!.id },
  };
}

type TypeOptions = {
  key: string;
  kind?: "oauth2" | "oauth2_client_credentials";
  tokenAuthMethod?: "client_secret_basic" | "client_secret_post";
  pkce?: boolean;
  revokeUri?: string | null;
  tokenUri?: string;
  authUri?: string;
  scopes?: string;
  oauth?: Record<string, unknown>;
  proxy?: Record<string, unknown>;
};

/** A custom connection type whose endpoints are the provider's. */
export async function sandboxType(db: Db, org: Org, provider: SandboxProvider, o: TypeOptions) {
  const kind = o.kind ?? "oauth2";
  const revoke = o.revokeUri === undefined ? provider.endpoints.revocation : o.revokeUri;
  const input = connectionTypeInputSchema.parse({
    key: o.key,
    label: `Sandbox ${o.key}`,
    kind,
    fields: [
      { key: "client_id", label: "Client ID", type: "string", required: true },
      { key: "client_secret", label: "Client secret", type: "password", required: true },
      ...(kind === "oauth2"
        ? [
            {
              key: "auth_uri",
              label: "Authorization URL",
              type: "url",
              required: true,
              default: o.authUri ?? provider.endpoints.authorization,
            },
          ]
        : []),
      {
        key: "token_uri",
        label: "Token URL",
        type: "url",
        required: true,
        default: o.tokenUri ?? provider.endpoints.token,
      },
      ...(revoke ? [{ key: "revoke_uri", label: "Revocation URL", type: "url", default: revoke }] : []),
      {
        key: "scopes",
        label: "Scopes",
        type: "string",
        default: o.scopes ?? (kind === "oauth2" ? "files.read offline_access" : "files.read"),
      },
    ],
    oauth: {
      pkce: o.pkce ?? kind === "oauth2",
      tokenAuthMethod: o.tokenAuthMethod ?? "client_secret_basic",
      scopeSeparator: " ",
      authorizeParams: kind === "oauth2" ? { prompt: "consent" } : {},
      ...o.oauth,
    },
    ...(o.proxy ? { proxy: o.proxy } : {}),
  });
  return createConnectionType(db, org.organizationId, input);
}

export type Deployed = {
  instanceId: string;
  instanceName: string;
  integrationId: string;
  integrationName: string;
  configVarId: string;
  configVarName: string;
  key: string;
};

/** An integration with one connection of the type, deployed to the org's customer and configured with a client. */
export async function deployConnection(
  db: Db,
  org: Org,
  typeKey: string,
  client: TestClient | null,
  o: { successRedirectUrl?: string; failureRedirectUrl?: string; allowScopeOverride?: boolean } = {},
): Promise<Deployed> {
  const integration = await createIntegration(
    db,
    org.organizationId,
    integrationInput.parse({
      name: `Sync ${randomUUID()}`,
      configVariables: [{ key: "files", label: "Files account", connectionType: typeKey, ...o }],
    }),
  );
  const instance = await deployInstance(
    db,
    org.scope,
    { integrationId: integration.id, customerId: org.customerId, name: `Initech files ${randomUUID().slice(0, 8)}` },
    null,
  );
  if (client)
    await setInstanceConnection(
      db,
      org.scope,
      instance.id,
      "files",
      { values: { client_id: client.clientId, client_secret: client.clientSecret } },
      "organization",
      null,
    );
  const variable = integration.configVariables[0]!;
  return {
    instanceId: instance.id,
    instanceName: instance.name,
    integrationId: integration.id,
    integrationName: integration.name,
    configVarId: variable.id,
    configVarName: variable.label,
    key: "files",
  };
}

/** CONNECT, sign in and consent at the provider, and hand the provider's answer to the callback. */
export async function connect(
  db: Db,
  provider: SandboxProvider,
  scope: TenantScope,
  target: OAuthTarget,
  initiator: Initiator,
  decision?: Decision,
) {
  const { url } = await startAuthorization(db, scope, target, initiator);
  const back = await authorizeAtProvider(url, provider.url, decision);
  const result = await handleCallback(db, back.searchParams);
  return { url: new URL(url), back, result };
}
