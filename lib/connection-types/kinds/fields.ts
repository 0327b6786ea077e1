import { fieldsComplete } from "./completeness";
import type { Kind } from "./kind";
import { applyAuth } from "./request-auth";

// `fields`: the values are the credential (an API key, a username and password); nothing to
// authorize, no tokens, presented on a request the way the type's test says, or not at all.

export const fieldsKind: Kind = {
  traits: {
    kind: "fields",
    label: "Fields",
    authorizes: false,
    holdsTokens: false,
    fetchesOnSave: false,
    wellKnownFields: [],
  },
  definitionIssues: (_keys, hasOAuthSettings) =>
    hasOAuthSettings ? [{ path: "oauth", message: "Only OAuth kinds take OAuth settings" }] : [],
  completeness: (fields, fieldsSet) => fieldsComplete(fields, fieldsSet),
  apply: (request, c) =>
    // A fields kind holds no OAuth token; accessToken is a session the proxy signed in for (Tableau).
    applyAuth(c.auth ?? { type: "none" }, request.url, request.headers, c.values, c.accessToken, request.method),
};
