import "server-only";
import { ValidationError } from "@/lib/errors";
import type { Kind, KindTraits } from "./kind";
import { applyAuth } from "./request-auth";

// What the OAuth kinds share: their tokens are revoked the same way (RFC 7009) and presented as a
// bearer token unless the type says otherwise.

const oauthField = (key: string, label: string, type: "string" | "password" | "url", required = true) => ({
  key,
  label,
  type,
  required,
});

/** The well-known fields of API.md; only the authorization code grant has an authorization URL. */
export function oauthWellKnownFields(o: { authorizationUrl: boolean }): KindTraits["wellKnownFields"] {
  return [
    oauthField("client_id", "Client ID", "string"),
    oauthField("client_secret", "Client secret", "password"),
    ...(o.authorizationUrl ? [oauthField("auth_uri", "Authorization URL", "url")] : []),
    oauthField("token_uri", "Token URL", "url"),
    oauthField("scopes", "Scopes", "string", false),
    oauthField("revoke_uri", "Revocation URL", "url", false),
  ];
}

// Loaded when used: the registry (which the grant module reads) must not wait on the grant module.
export const revokeOAuthToken: NonNullable<Kind["revoke"]> = async (connection, token, hint) =>
  (await import("@/lib/oauth/grant")).revokeToken(connection, token, hint);

export const applyAccessToken: Kind["apply"] = (request, c) => {
  if (!c.accessToken) throw new ValidationError("Not authorized yet: press CONNECT first");
  applyAuth(c.auth ?? { type: "bearer" }, request.url, request.headers, c.values, c.accessToken, request.method);
};
