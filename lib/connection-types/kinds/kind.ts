import type { ConnectionField, ProxyAuth } from "@/lib/connection-types/definition";
import type { ConnectionKind } from "@/lib/connection-types/names";
import type { Db } from "@/db/client";
import type { OAuthConnection } from "@/lib/oauth/connection";
import type { GrantType, TokenGrant } from "@/lib/oauth/grant";
import type { TokenSet } from "@/lib/credentials/tokens";

// What a kind of connection is, as behaviour: which fields it needs, when a credential is
// complete, how it gets, renews and revokes tokens, and how its credentials go on an outgoing
// request. Code outside this folder asks the kind; it does not compare kind names. A new kind is
// one module here (registered in ./index) and its tests.

/**
 * What screens may know of a kind: plain data, safe to pass to client components in props and DTOs
 * (the kind modules themselves are server code).
 */
export type KindTraits = {
  kind: ConnectionKind;
  label: string;
  /** A person authorizes at the provider (CONNECT) before a credential of this kind is complete. */
  authorizes: boolean;
  /** Credentials hold OAuth tokens: they show an authorization, take custom headers, disconnect. */
  holdsTokens: boolean;
  /** A token is fetched as soon as the values are saved, with no one to sign in. */
  fetchesOnSave: boolean;
  /** The field that names the server a connection talks to, shown beside its authorization (an MCP server's URL). */
  serverField?: string;
  /** The fields every type of this kind declares, for the type form to start from. */
  wellKnownFields: { key: string; label: string; type: ConnectionField["type"]; required: boolean }[];
};

/** A request about to be sent on a connection's behalf (the test request, the proxy); GET unless said. */
export type OutgoingRequest = { url: URL; headers: Headers; method?: string };

/** What a kind applies to a request: the type's way of presenting it, the values, the access token. */
export type AppliedCredential = { auth?: ProxyAuth; values: Record<string, string>; accessToken?: string };

export type Kind = {
  traits: KindTraits;
  /**
   * The built-in type whose credentials (entered with the generic auth method, not for one service)
   * may serve any connection of this kind: they hold the kind's well-known fields.
   */
  genericCredentialType?: string;
  /** The grant stored with a credential's tokens; undefined for kinds that hold no tokens. */
  grantType?: GrantType;
  /** Why a set of fields cannot be a type of this kind (a missing well-known field), or nothing. */
  definitionIssues(fieldKeys: ReadonlySet<string>, hasOAuthSettings: boolean): { path: string; message: string }[];
  /** Whether a credential with these fields set (and authorized or not) is ready to use, and if not, why. */
  completeness(
    fields: readonly Pick<ConnectionField, "key" | "label" | "required" | "default">[],
    fieldsSet: readonly string[],
    authorized: boolean,
  ): { complete: boolean; reason: string | null };
  /** The grant that gets a token without a person (client credentials), or undefined. */
  acquire?(connection: OAuthConnection, scopes: string[]): TokenGrant;
  /** The grant that renews the held tokens, or undefined when none can (no refresh token). */
  refresh?(connection: OAuthConnection, current: TokenSet, scopes: () => string[]): TokenGrant | undefined;
  /** Revokes a token at the provider (RFC 7009); undefined for kinds that hold no tokens. */
  revoke?(connection: OAuthConnection, token: string, hint: "refresh_token" | "access_token"): Promise<void>;
  /**
   * Completes an OAuth connection with what the kind finds at the server rather than in the type
   * (an MCP server's authorization server and Latchkey's registration there). `register`: at
   * CONNECT, find and register when nothing is kept yet.
   */
  withServerClient?(db: Db, connection: OAuthConnection, o: { register: boolean }): Promise<OAuthConnection>;
  /** A 403 with insufficient_scope asks for more scopes at the next CONNECT (MCP step-up). */
  stepsUpScopes?: true;
  /** Puts the credential on an outgoing request; a ValidationError when it cannot yet be applied. */
  apply(request: OutgoingRequest, credential: AppliedCredential): void;
};
