import "server-only";
import { fieldsComplete, missingWellKnown } from "./completeness";
import type { Kind } from "./kind";
import { applyAccessToken, oauthWellKnownFields, revokeOAuthToken } from "./oauth-common";

// `oauth2_client_credentials`: server to server; the token is fetched as soon as the client id and
// secret are saved, and fetched again (the same grant) before it expires.

export const oauth2ClientCredentialsKind: Kind = {
  traits: {
    kind: "oauth2_client_credentials",
    label: "OAuth 2.0 client credentials",
    authorizes: false,
    holdsTokens: true,
    fetchesOnSave: true,
    wellKnownFields: oauthWellKnownFields({ authorizationUrl: false }),
  },
  genericCredentialType: "oauth2_client_credentials",
  grantType: "client_credentials",
  definitionIssues: (keys) => missingWellKnown("oauth2_client_credentials", ["client_id", "token_uri"], keys),
  completeness: (fields, fieldsSet) => fieldsComplete(fields, fieldsSet),
  acquire: (_connection, scopes) => ({ type: "client_credentials", scopes }),
  refresh: (_connection, _current, scopes) => ({ type: "client_credentials", scopes: scopes() }),
  revoke: revokeOAuthToken,
  apply: applyAccessToken,
};
