import type { ConnectionTypeInput } from "@/lib/connection-types/definition";
import { oauthFields } from "./oauth-helpers";

// Generic HTTP: any service, with each way of presenting a credential. The test request calls
// test_url with the credential applied; the proxy sends calls below base_url.

const baseUrl = {
  key: "base_url",
  label: "Base URL",
  type: "url",
  required: true,
  placeholder: "https://api.example.com",
} as const;
const testUrl = {
  key: "test_url",
  label: "Test URL",
  type: "url",
  help: "A URL that answers 2xx when the credentials are right",
} as const;
const test = (auth: NonNullable<ConnectionTypeInput["test"]>["auth"]) => ({
  url: "{{test_url}}",
  method: "GET" as const,
  auth,
});
// The proxy calls below the base URL, with the credential presented as the test request does.
const proxy = (auth: NonNullable<ConnectionTypeInput["test"]>["auth"]) => ({ baseUrl: "{{base_url}}", auth });

export const genericHttpTypes: ConnectionTypeInput[] = [
  {
    key: "http_basic",
    label: "HTTP: basic authentication",
    kind: "fields",
    fields: [
      baseUrl,
      { key: "username", label: "Username", type: "string", required: true },
      { key: "password", label: "Password", type: "password", required: true },
      testUrl,
    ],
    test: test({ type: "basic", usernameField: "username", passwordField: "password" }),
    proxy: proxy({ type: "basic", usernameField: "username", passwordField: "password" }),
  },
  {
    key: "http_api_key_header",
    label: "HTTP: API key in a header",
    kind: "fields",
    fields: [
      baseUrl,
      { key: "header_name", label: "Header name", type: "string", required: true, default: "X-API-Key" },
      { key: "api_key", label: "API key", type: "password", required: true },
      testUrl,
    ],
    test: test({ type: "header", name: "X-API-Key", nameField: "header_name", valueField: "api_key" }),
    proxy: proxy({ type: "header", name: "X-API-Key", nameField: "header_name", valueField: "api_key" }),
  },
  {
    key: "http_api_key_query",
    label: "HTTP: API key in the query",
    kind: "fields",
    fields: [
      baseUrl,
      { key: "param_name", label: "Parameter name", type: "string", required: true, default: "api_key" },
      { key: "api_key", label: "API key", type: "password", required: true },
      testUrl,
    ],
    test: test({ type: "query", name: "api_key", nameField: "param_name", valueField: "api_key" }),
    proxy: proxy({ type: "query", name: "api_key", nameField: "param_name", valueField: "api_key" }),
  },
  {
    key: "http_bearer",
    label: "HTTP: bearer token",
    kind: "fields",
    fields: [baseUrl, { key: "token", label: "Token", type: "password", required: true }, testUrl],
    test: test({ type: "bearer", tokenField: "token" }),
    proxy: proxy({ type: "bearer", tokenField: "token" }),
  },
  {
    key: "http_oauth2",
    label: "HTTP: OAuth 2.0 authorization code",
    kind: "oauth2",
    fields: [
      ...oauthFields({ auth: "", token: "", scopes: "" }).map((f) => ({ ...f, default: undefined })),
      { key: "revoke_uri", label: "Revocation URL", type: "url" },
      baseUrl,
      testUrl,
    ],
    oauth: { pkce: true, tokenAuthMethod: "client_secret_basic", scopeSeparator: " " },
    test: test({ type: "bearer" }),
    proxy: proxy({ type: "bearer" }),
  },
  {
    key: "http_oauth2_client_credentials",
    label: "HTTP: OAuth 2.0 client credentials",
    kind: "oauth2_client_credentials",
    fields: [...oauthFields({ token: "", scopes: "" }).map((f) => ({ ...f, default: undefined })), baseUrl, testUrl],
    oauth: { pkce: false, tokenAuthMethod: "client_secret_basic", scopeSeparator: " " },
    test: test({ type: "bearer" }),
    proxy: proxy({ type: "bearer" }),
  },
];
