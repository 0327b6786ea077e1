import "server-only";
import * as oauth from "oauth4webapi";
import { z } from "zod";
import type { StoredTokens, TokenSet } from "@/lib/credentials/tokens";
import { refreshSettings, type RefreshSettings } from "@/lib/refresh/settings";
import { authorizationServer, clientAuthentication, endpoint, oauthClient, requestOptions } from "./client";
import type { OAuthConnection } from "./connection";
import { nextRefreshAt, renewsWithoutRefreshToken, tokenExpiry } from "./due";
import { extraTokenParams } from "./quirks";
import { joinScopes, parseScopes } from "./scopes";
import { normalizeTokenResponse, tokenSetFrom } from "./token-response";

// The grant: one token request for each way of getting tokens (the callback's code, client
// credentials, a refresh token), one parse of the answer, and one rule for expiry and scopes. The
// callback, the client credentials fetch and the refresh routine all come here; provider quirks
// live in ./quirks (requests) and ./token-response (answers).

export type GrantType = StoredTokens["grantType"];

export type TokenGrant =
  | {
      type: "authorization_code";
      /** The callback's query, checked against the state (and the issuer, RFC 9207) before the exchange. */
      callback: URLSearchParams;
      state: string;
      redirectUri: string;
      verifier?: string;
      issuer?: string;
    }
  | { type: "client_credentials"; scopes: string[] }
  | { type: "refresh_token"; refreshToken: string };

// oauth4webapi has checked the answer against RFC 6749; this is the shape Latchkey relies on.
const answerSchema = z
  .object({
    access_token: z.string().min(1),
    token_type: z.string(),
    refresh_token: z.string().optional(),
    expires_in: z.number().optional(),
    scope: z.string().optional(),
  })
  .loose();
export type TokenAnswer = {
  result: z.infer<typeof answerSchema>;
  raw: Record<string, unknown>;
  /** What the after-CONNECT request kept (lib/oauth/post-connect), stored as metadata with the tokens. */
  kept?: Record<string, unknown>;
};

/** What the provider's answer said beyond its body: for telling a transient failure from a refusal. */
export type AnswerMeta = { status?: number; retryAfter?: string | null };

function send(connection: OAuthConnection, grant: TokenGrant, timeoutMs?: number) {
  const as = authorizationServer(connection, "issuer" in grant ? grant.issuer : undefined);
  const client = oauthClient(connection);
  const auth = clientAuthentication(connection);
  const options = requestOptions(connection, timeoutMs);
  const extra = extraTokenParams(connection.settings, grant.type);
  switch (grant.type) {
    case "authorization_code": {
      const validated = oauth.validateAuthResponse(as, client, grant.callback, grant.state);
      const request = oauth.authorizationCodeGrantRequest(
        as,
        client,
        auth,
        validated,
        grant.redirectUri,
        grant.verifier ?? oauth.nopkce,
        { ...options, ...(extra ? { additionalParameters: extra } : {}) },
      );
      return { as, client, request, process: oauth.processAuthorizationCodeResponse };
    }
    case "client_credentials": {
      const scope: Record<string, string> =
        grant.scopes.length > 0 ? { scope: joinScopes(grant.scopes, connection.settings.scopeSeparator) } : {};
      const request = oauth.clientCredentialsGrantRequest(as, client, auth, { ...extra, ...scope }, options);
      return { as, client, request, process: oauth.processClientCredentialsResponse };
    }
    case "refresh_token": {
      const request = oauth.refreshTokenGrantRequest(as, client, auth, grant.refreshToken, {
        ...options,
        ...(extra ? { additionalParameters: extra } : {}),
      });
      return { as, client, request, process: oauth.processRefreshTokenResponse };
    }
  }
}

/** Sends one token request and parses the answer; throws oauth4webapi's errors for a refusal. */
export async function requestTokens(
  connection: OAuthConnection,
  grant: TokenGrant,
  o: { timeoutMs?: number; meta?: AnswerMeta } = {},
): Promise<TokenAnswer> {
  const { as, client, request, process } = send(connection, grant, o.timeoutMs);
  const response = await request;
  if (o.meta) {
    o.meta.status = response.status;
    o.meta.retryAfter = response.headers.get("retry-after");
  }
  const normalized = await normalizeTokenResponse(response, connection.settings);
  const result = await process(as, client, normalized.response);
  return { result: answerSchema.parse(result), raw: normalized.raw };
}

/** How the connection log names what a grant did. */
export const grantWords: Record<GrantType, { acquired: string; renewed: string }> = {
  authorization_code: { acquired: "Code exchanged for tokens", renewed: "Access token refreshed" },
  client_credentials: { acquired: "Access token fetched", renewed: "New access token fetched" },
};

export type GrantedTokens = Omit<StoredTokens, "tokens"> & { tokens: TokenSet; rotated: boolean };

/**
 * The tokens to store from an answer, and the one rule for their expiry and scopes: expiry counts
 * from the clock read before the request; a provider that leaves scope out granted what was asked
 * (RFC 6749 section 5.1), and one that separates scopes by commas is read as one that uses spaces;
 * on a refresh, a provider that does not rotate sends no refresh token and the one held stays.
 */
export function grantedTokens(
  connection: Pick<OAuthConnection, "settings">,
  answer: TokenAnswer,
  o: {
    grantType: GrantType;
    requestedAt: Date;
    /** The scopes asked for, or held before a refresh: what was granted when the answer is silent. */
    scopesIfSilent: string[];
    /** The token set held before a refresh. */
    current?: TokenSet;
    callbackParams?: URLSearchParams;
    settings?: Pick<RefreshSettings, "defaultExpiresInSeconds" | "windowMs">;
  },
): GrantedTokens {
  const settings = o.settings ?? refreshSettings();
  const answered = tokenSetFrom(answer.result, answer.raw, connection.settings, o.callbackParams);
  const fresh = answer.kept ? { ...answered, metadata: { ...answered.metadata, ...answer.kept } } : answered;
  const tokens: TokenSet = o.current
    ? {
        ...fresh,
        refreshToken: fresh.refreshToken ?? o.current.refreshToken,
        metadata: { ...o.current.metadata, ...fresh.metadata },
      }
    : fresh;
  if (!tokens.refreshToken) delete tokens.refreshToken;
  // Tokens that do not expire (refreshTokenPolicy "none"): held as they are, never renewed.
  const lasting = connection.settings.refreshTokenPolicy === "none";
  const hasRefreshToken = !!tokens.refreshToken && !lasting;
  const expiresAt = tokenExpiry({
    requestedAt: o.requestedAt,
    expiresIn: answer.result.expires_in,
    renewable: !lasting && (hasRefreshToken || renewsWithoutRefreshToken(o.grantType)),
    defaultExpiresInSeconds: settings.defaultExpiresInSeconds,
  });
  const scope = answer.result.scope;
  return {
    grantType: o.grantType,
    tokens,
    expiresAt,
    grantedScopes: scope !== undefined ? parseScopes(scope.replace(/,/g, " ")) : o.scopesIfSilent,
    nextRefreshAt: lasting
      ? null
      : nextRefreshAt({
          now: o.requestedAt,
          expiresAt,
          hasRefreshToken,
          grantType: o.grantType,
          windowMs: settings.windowMs,
        }),
    rotated: !!fresh.refreshToken && fresh.refreshToken !== o.current?.refreshToken,
  };
}

/** Revokes one token at the connection's revocation endpoint (RFC 7009); throws as a token request does. */
export async function revokeToken(
  connection: OAuthConnection,
  token: string,
  hint: "refresh_token" | "access_token",
): Promise<void> {
  const revokeUri = endpoint(connection, "revoke_uri", "Revocation URL");
  const as: oauth.AuthorizationServer = { issuer: new URL(revokeUri).origin, revocation_endpoint: revokeUri };
  const response = await oauth.revocationRequest(as, oauthClient(connection), clientAuthentication(connection), token, {
    ...requestOptions(connection),
    additionalParameters: { token_type_hint: hint },
  });
  await oauth.processRevocationResponse(response);
}
