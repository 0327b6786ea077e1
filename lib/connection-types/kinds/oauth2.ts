import "server-only";
import { fieldsComplete, missingWellKnown } from "./completeness";
import type { Kind } from "./kind";
import { applyAccessToken, oauthWellKnownFields, revokeOAuthToken } from "./oauth-common";

// `oauth2`, the authorization code grant: a person presses CONNECT and consents at the provider;
// the callback exchanges the code (lib/oauth/callback), refresh tokens renew it.

export const oauth2Kind: Kind = {
  traits: {
    kind: "oauth2",
    label: "OAuth 2.0 authorization code",
    authorizes: true,
    holdsTokens: true,
    fetchesOnSave: false,
    wellKnownFields: oauthWellKnownFields({ authorizationUrl: true }),
  },
  genericCredentialType: "oauth2",
  grantType: "authorization_code",
  definitionIssues: (keys) => missingWellKnown("oauth2", ["client_id", "token_uri", "auth_uri"], keys),
  completeness(fields, fieldsSet, authorized) {
    const byFields = fieldsComplete(fields, fieldsSet);
    if (!byFields.complete) return byFields;
    return authorized ? byFields : { complete: false, reason: "OAuth 2.0 authorization not completed" };
  },
  refresh: (_connection, current) =>
    current.refreshToken ? { type: "refresh_token", refreshToken: current.refreshToken } : undefined,
  revoke: revokeOAuthToken,
  apply: applyAccessToken,
};
