import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import * as oauth from "oauth4webapi";
import { z } from "zod";
import type { Db } from "@/db/client";
import { mcpClientRegistrations } from "@/db/schema";
import { decryptForTenant, encryptForTenant } from "@/lib/crypto/tenant-keys";
import { env } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { outboundFetch } from "@/lib/outbound/fetch";
import { canonicalResource, discoverAuthorizationServer, discoverProtectedResource } from "./discovery";

// Latchkey as a client of an MCP server's authorization server, registered without a person: by
// the client ID metadata document it serves (where the server says it takes one), else by dynamic
// client registration (RFC 7591). The registration is kept sealed per organization, connection
// type and server, and reused by every later CONNECT to that server.

export const CLIENT_METADATA_PATH = "/oauth/client-metadata.json";

const mcpClient = z.object({
  resource: z.string(),
  issuer: z.string(),
  authorizationEndpoint: z.string(),
  tokenEndpoint: z.string(),
  revocationEndpoint: z.string().optional(),
  clientId: z.string(),
  clientSecret: z.string().optional(),
  tokenAuthMethod: z.enum(["none", "client_secret_basic", "client_secret_post"]),
  scopesSupported: z.array(z.string()).optional(),
});
export type McpClient = z.infer<typeof mcpClient>;

/** The URL of the client ID metadata document, which is also the client's id there. */
export function clientMetadataUrl(): string {
  return `${env.baseUrl}${CLIENT_METADATA_PATH}`;
}

/** What Latchkey says of itself as a client: the metadata document, and the body of a registration. */
export function clientMetadata(tokenAuthMethod: McpClient["tokenAuthMethod"]) {
  return {
    client_name: "Latchkey",
    client_uri: env.baseUrl,
    redirect_uris: [`${env.baseUrl}/api/oauth/callback`],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: tokenAuthMethod,
  };
}

const where = (organizationId: string, connectionType: string, resource: string) =>
  and(
    eq(mcpClientRegistrations.organizationId, organizationId),
    eq(mcpClientRegistrations.connectionType, connectionType),
    eq(mcpClientRegistrations.resource, resource),
  );

/** The kept registration for this server, if a CONNECT made one. */
export async function findMcpClient(
  db: Db,
  organizationId: string,
  connectionType: string,
  serverUrl: string,
): Promise<McpClient | undefined> {
  const resource = canonicalResource(serverUrl);
  const [row] = await db
    .select()
    .from(mcpClientRegistrations)
    .where(where(organizationId, connectionType, resource));
  if (!row) return undefined;
  const opened = await decryptForTenant(db, { organizationId, customerId: null }, row.id, row.sealed);
  return mcpClient.parse(JSON.parse(opened));
}

const registrationOptions = {
  [oauth.allowInsecureRequests]: env.allowPrivateNetwork,
  [oauth.customFetch]: (url: string, o: oauth.CustomFetchOptions<string, unknown>) =>
    outboundFetch(
      url,
      { method: o.method, headers: o.headers, body: o.body as BodyInit | undefined, signal: o.signal },
      { timeoutMs: 10_000, maxBytes: 256 * 1024 },
    ),
};

/** Registers Latchkey at the authorization server, as it offers. */
async function register(as: oauth.AuthorizationServer, resource: string, scopesSupported?: string[]) {
  const common = {
    resource,
    issuer: as.issuer,
    authorizationEndpoint: as.authorization_endpoint!,
    tokenEndpoint: as.token_endpoint!,
    ...(as.revocation_endpoint ? { revocationEndpoint: as.revocation_endpoint } : {}),
    ...(scopesSupported ? { scopesSupported } : {}),
  };
  if (as.client_id_metadata_document_supported === true)
    return {
      method: "metadata_document" as const,
      client: { ...common, clientId: clientMetadataUrl(), tokenAuthMethod: "none" as const },
    };
  if (!as.registration_endpoint)
    throw new ValidationError(
      `${as.issuer} takes neither a client ID metadata document nor dynamic client registration: Latchkey cannot register there`,
      { "values.server_url": "Its authorization server offers no way to register Latchkey" },
    );
  const supported = as.token_endpoint_auth_methods_supported ?? ["client_secret_basic"];
  const wanted = supported.includes("client_secret_basic")
    ? "client_secret_basic"
    : supported.includes("client_secret_post")
      ? "client_secret_post"
      : "none";
  const response = await oauth.dynamicClientRegistrationRequest(as, clientMetadata(wanted), registrationOptions);
  let registered: Awaited<ReturnType<typeof oauth.processDynamicClientRegistrationResponse>>;
  try {
    registered = await oauth.processDynamicClientRegistrationResponse(response);
  } catch (error) {
    const detail = error instanceof oauth.ResponseBodyError ? `: ${error.error}` : "";
    throw new ValidationError(`${as.issuer} refused Latchkey's client registration${detail}`, {
      "values.server_url": "Its authorization server refused to register Latchkey",
    });
  }
  const method = (registered.token_endpoint_auth_method as string | undefined) ?? wanted;
  return {
    method: "dynamic_registration" as const,
    client: {
      ...common,
      clientId: registered.client_id,
      ...(typeof registered.client_secret === "string" ? { clientSecret: registered.client_secret } : {}),
      tokenAuthMethod: mcpClient.shape.tokenAuthMethod.catch(wanted).parse(method),
    },
  };
}

/** The registration for this server: the kept one, or a new one made now (discovery, then registration). */
export async function ensureMcpClient(
  db: Db,
  organizationId: string,
  connectionType: string,
  serverUrl: string,
): Promise<McpClient> {
  const kept = await findMcpClient(db, organizationId, connectionType, serverUrl);
  if (kept) return kept;
  const metadata = await discoverProtectedResource(serverUrl);
  const as = await discoverAuthorizationServer(metadata.authorization_servers[0]!);
  const resource = canonicalResource(serverUrl);
  const { method, client } = await register(as, resource, metadata.scopes_supported);
  const id = randomUUID();
  const sealed = await encryptForTenant(db, { organizationId, customerId: null }, id, JSON.stringify(client));
  // Two CONNECTs at once: the first registration kept wins, and both use it.
  await db
    .insert(mcpClientRegistrations)
    .values({ id, organizationId, connectionType, resource, issuer: as.issuer, method, sealed })
    .onConflictDoNothing();
  return (await findMcpClient(db, organizationId, connectionType, serverUrl))!;
}
