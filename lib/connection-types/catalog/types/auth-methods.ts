import type { ConnectionTypeInput } from "@/lib/connection-types/definition";

// The six auth methods of the credential manager, as built-in connection types with the same keys
// and fields: a credential's `authMethod` is a connection type's key, whichever it is.

export const credentialMethodKeys = [
  "api_key_secret",
  "basic",
  "private_key",
  "api_key",
  "oauth2",
  "oauth2_client_credentials",
] as const;
export type CredentialMethodKey = (typeof credentialMethodKeys)[number];

/** A generic auth method names how a credential works, not which service it is for. */
export function isCredentialMethod(key: string): key is CredentialMethodKey {
  return (credentialMethodKeys as readonly string[]).includes(key);
}

type Field = ConnectionTypeInput["fields"][number];
const field = (key: string, label: string, type: Field["type"], extra: Partial<Field> = {}): Field => ({
  key,
  label,
  type,
  required: true,
  ...extra,
});

const clientId = field("client_id", "Client ID", "string");
const clientSecret = field("client_secret", "Client secret", "password");
const scopes = field("scopes", "Scopes", "string", { required: false, placeholder: "read write" });
const tokenUri = field("token_uri", "Token URL", "url", { placeholder: "https://provider.example/oauth/token" });
// Optional: where DISCONNECT revokes the tokens (RFC 7009).
const revokeUri = field("revoke_uri", "Revocation URL", "url", {
  required: false,
  placeholder: "https://provider.example/oauth/revoke",
});

export const authMethodTypes: (ConnectionTypeInput & { key: CredentialMethodKey })[] = [
  {
    key: "api_key_secret",
    label: "API key and secret",
    description: "A key and a secret issued by the service, such as an access key pair.",
    kind: "fields",
    fields: [field("api_key", "API key", "password"), field("api_secret", "API secret", "password")],
  },
  {
    key: "basic",
    label: "Username and password",
    description: "HTTP basic authentication or any username and password pair.",
    kind: "fields",
    fields: [field("username", "Username", "string"), field("password", "Password", "password")],
  },
  {
    key: "private_key",
    label: "Username and private key",
    description: "A username and a PEM or OpenSSH private key, for SFTP and similar services.",
    kind: "fields",
    fields: [
      field("username", "Username", "string"),
      field("private_key", "Private key", "text", {
        secret: true,
        format: "private_key",
        placeholder: "-----BEGIN OPENSSH PRIVATE KEY-----",
      }),
    ],
  },
  {
    key: "api_key",
    label: "API key",
    description: "A single key or token.",
    kind: "fields",
    fields: [field("api_key", "API key", "password")],
  },
  {
    key: "oauth2",
    label: "OAuth 2.0 (authorization code)",
    description: "A customer authorizes access by signing in to the service and consenting.",
    kind: "oauth2",
    fields: [
      clientId,
      clientSecret,
      scopes,
      field("auth_uri", "Authorization URL", "url", { placeholder: "https://provider.example/oauth/authorize" }),
      tokenUri,
      revokeUri,
    ],
  },
  {
    key: "oauth2_client_credentials",
    label: "OAuth 2.0 (client credentials)",
    description: "Server-to-server access with a client ID and secret; no customer sign-in.",
    kind: "oauth2_client_credentials",
    fields: [clientId, clientSecret, scopes, tokenUri, revokeUri],
  },
];
