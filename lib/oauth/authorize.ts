import "server-only";
import { kindOf } from "@/lib/connection-types/kinds";
import { randomUUID } from "node:crypto";
import * as oauth from "oauth4webapi";
import type { Db } from "@/db/client";
import { recordEvent } from "@/lib/connections/events";
import { encryptForTenant } from "@/lib/crypto/tenant-keys";
import { env } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { instanceConnectionCredential } from "@/lib/instances/ensure-credential";
import type { TenantScope } from "@/lib/tenancy";
import { authorizationServer, clientAuthentication, oauthClient } from "./client";
import { resolveOAuthConnection, type OAuthConnection, type OAuthTarget } from "./connection";
import { customRedirectsOf } from "./custom-redirects";
import { joinScopes, parseScopes, scopeProblem } from "./scopes";
import { deleteStaleOAuthStates, hashState, insertOAuthState, STATE_TTL_MS } from "./states";

// CONNECT: a one-time state and a PKCE verifier, then the provider's authorization URL.

/** Who starts an authorization: a signed-in user, an e-mailed authorization link, or an API key. */
export type Initiator = { userId: string } | { linkId: string } | { apiKeyId: string };

// Parameters Latchkey sets itself: a type's extra authorization parameters cannot replace them.
const RESERVED = new Set([
  "response_type",
  "client_id",
  "redirect_uri",
  "scope",
  "state",
  "code_challenge",
  "code_challenge_method",
]);

/** The one callback URL to register with providers. */
export function callbackUrl(): string {
  return `${env.baseUrl}/api/oauth/callback`;
}

/** The scopes to ask for: the connection's override, else the credential's (or type's) scopes value. */
export function requestedScopes(connection: OAuthConnection): string[] {
  const raw = connection.scopesOverride ?? connection.values.scopes ?? "";
  const problem = scopeProblem(raw);
  if (problem) throw new ValidationError(problem, { scopes: problem });
  return parseScopes(raw, connection.settings.scopeSeparator);
}

/** The scopes with the one that asks for a refresh token (offline_access), which the integrator need not remember. */
function withOfflineAccess(scopes: string[], connection: OAuthConnection): string[] {
  const offline = connection.settings.offlineAccess?.scope;
  return offline && !scopes.includes(offline) ? [...scopes, offline] : scopes;
}

const initiatorWords = (i: Initiator) =>
  "userId" in i ? "a signed-in user" : "linkId" in i ? "an e-mailed authorization link" : "an API key";

/** An authorization started from an embedded screen: its callback page tells the iframe that opened the popup; `returnTo` is the way back after a full-page flow. */
export type EmbeddedStart = { embedded: true; returnTo: string | null };

/** Everything an authorization needs, checked; throws what would stop it (before anything is stored about it). */
async function prepareAuthorization(db: Db, scope: TenantScope, target: OAuthTarget, initiator: Initiator) {
  // CONNECT before the wizard was saved: the credential is made from the integration's defaults.
  if ("instanceId" in target)
    await instanceConnectionCredential(
      db,
      scope,
      target.instanceId,
      target.configVarKey,
      "userId" in initiator ? initiator.userId : null,
    );
  const resolved = await resolveOAuthConnection(db, scope, target);
  // An MCP server's authorization server is found, and Latchkey registered there, at CONNECT.
  const completes = kindOf(resolved.kind).withServerClient;
  const connection = completes ? await completes(db, resolved, { register: true }) : resolved;
  if (!kindOf(connection.kind).traits.authorizes)
    throw new ValidationError(
      `${connection.label} uses client credentials: its token is fetched when it is saved, there is nothing to CONNECT`,
    );
  const as = authorizationServer(connection);
  const client = oauthClient(connection);
  clientAuthentication(connection); // the code cannot be exchanged without a secret: say so now, not after sign-in
  const scopes = withOfflineAccess(requestedScopes(connection), connection);
  await customRedirectsOf(db, connection);
  return { connection, as, client, scopes };
}

/** Throws what would stop an authorization of the target from starting (the API checks before it hands out a start URL). */
export async function assertAuthorizationStartable(
  db: Db,
  scope: TenantScope,
  target: OAuthTarget,
  initiator: Initiator,
): Promise<void> {
  await prepareAuthorization(db, scope, target, initiator);
}

/** Starts an authorization code flow; returns the provider URL to send the browser to. */
export async function startAuthorization(
  db: Db,
  scope: TenantScope,
  target: OAuthTarget,
  initiator: Initiator,
  embedded?: EmbeddedStart,
): Promise<{ url: string; expiresAt: Date }> {
  const { connection, as, client, scopes } = await prepareAuthorization(db, scope, target, initiator);

  const state = oauth.generateRandomState();
  const verifier = connection.settings.pkce ? oauth.generateRandomCodeVerifier() : undefined;
  const url = new URL(as.authorization_endpoint!);
  const params = { ...connection.settings.offlineAccess?.params, ...connection.settings.authorizeParams };
  for (const [key, value] of Object.entries(params)) if (!RESERVED.has(key)) url.searchParams.set(key, value);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", client.client_id);
  url.searchParams.set("redirect_uri", callbackUrl());
  if (scopes.length > 0) url.searchParams.set("scope", joinScopes(scopes, connection.settings.scopeSeparator));
  url.searchParams.set("state", state);
  if (verifier) {
    url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(verifier));
    url.searchParams.set("code_challenge_method", "S256");
  }

  const id = randomUUID();
  const owner = { organizationId: connection.organizationId, customerId: connection.credential.customerId };
  const expiresAt = new Date(Date.now() + STATE_TTL_MS);
  await insertOAuthState(db, {
    id,
    ...owner,
    credentialId: connection.credential.id,
    instanceId: connection.instance?.id ?? null,
    configVariableId: connection.configVariable?.id ?? null,
    userId: "userId" in initiator ? initiator.userId : null,
    linkId: "linkId" in initiator ? initiator.linkId : null,
    apiKeyId: "apiKeyId" in initiator ? initiator.apiKeyId : null,
    embedded: embedded?.embedded ?? false,
    returnTo: embedded?.returnTo ?? null,
    stateHash: hashState(state),
    codeVerifierCiphertext: verifier ? await encryptForTenant(db, owner, `oauth-state/${id}`, verifier) : null,
    redirectUri: callbackUrl(),
    scopes: scopes.join(" "),
    expiresAt,
  });
  await deleteStaleOAuthStates(db, connection.organizationId);
  await recordEvent(db, {
    ...owner,
    credentialId: connection.credential.id,
    instanceId: connection.instance?.id,
    name: "authorize started",
    level: "info",
    message: `Authorization started by ${initiatorWords(initiator)}${embedded ? " in an embedded screen" : ""}: sent to ${url.origin}${url.pathname}`,
    metadata: {
      authorizationUrl: `${url.origin}${url.pathname}`,
      scopes,
      pkce: !!verifier,
      redirectUri: callbackUrl(),
      expiresAt: expiresAt.toISOString(),
    },
  });
  return { url: url.href, expiresAt };
}
