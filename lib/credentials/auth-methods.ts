// The six auth methods of the credential manager, as data. The form, the validation and the API
// all read this one registry; connection types (a later issue) add their own fields the same way.

export type FieldType = "string" | "password" | "text" | "url";

export type FieldDefinition = {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  /** Secret fields are typed into password inputs; no value is ever shown back, secret or not. */
  secret: boolean;
  maxLength: number;
  placeholder?: string;
  /** A format check beyond the type, with the message shown at the field. */
  format?: "private_key";
};

export type AuthMethodDefinition = {
  /** One of the six auth methods, or a connection type's key (its fields are a seventh, open form). */
  key: string;
  label: string;
  description: string;
  fields: FieldDefinition[];
  /** OAuth methods may carry custom headers and need an authorization to be complete. */
  oauth?: "authorization_code" | "client_credentials";
};

export const authMethodKeys = [
  "api_key_secret",
  "basic",
  "private_key",
  "api_key",
  "oauth2",
  "oauth2_client_credentials",
] as const;
export type AuthMethodKey = (typeof authMethodKeys)[number];

const KIB = 1024;
const field = (key: string, label: string, type: FieldType, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  key,
  label,
  type,
  required: true,
  secret: type === "password",
  maxLength: type === "url" ? 2 * KIB : 4 * KIB,
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

export const authMethods: Record<AuthMethodKey, AuthMethodDefinition> = {
  api_key_secret: {
    key: "api_key_secret",
    label: "API key and secret",
    description: "A key and a secret issued by the service, such as an access key pair.",
    fields: [field("api_key", "API key", "password"), field("api_secret", "API secret", "password")],
  },
  basic: {
    key: "basic",
    label: "Username and password",
    description: "HTTP basic authentication or any username and password pair.",
    fields: [field("username", "Username", "string"), field("password", "Password", "password")],
  },
  private_key: {
    key: "private_key",
    label: "Username and private key",
    description: "A username and a PEM or OpenSSH private key, for SFTP and similar services.",
    fields: [
      field("username", "Username", "string"),
      field("private_key", "Private key", "text", {
        secret: true,
        maxLength: 64 * KIB,
        format: "private_key",
        placeholder: "-----BEGIN OPENSSH PRIVATE KEY-----",
      }),
    ],
  },
  api_key: {
    key: "api_key",
    label: "API key",
    description: "A single key or token.",
    fields: [field("api_key", "API key", "password")],
  },
  oauth2: {
    key: "oauth2",
    label: "OAuth 2.0 (authorization code)",
    description: "A customer authorizes access by signing in to the service and consenting.",
    oauth: "authorization_code",
    fields: [
      clientId,
      clientSecret,
      scopes,
      field("auth_uri", "Authorization URL", "url", { placeholder: "https://provider.example/oauth/authorize" }),
      tokenUri,
      revokeUri,
    ],
  },
  oauth2_client_credentials: {
    key: "oauth2_client_credentials",
    label: "OAuth 2.0 (client credentials)",
    description: "Server-to-server access with a client ID and secret; no customer sign-in.",
    oauth: "client_credentials",
    fields: [clientId, clientSecret, scopes, tokenUri, revokeUri],
  },
};

/** The definition of an auth method, or undefined for an unknown key. */
export function findAuthMethod(key: string): AuthMethodDefinition | undefined {
  return (authMethodKeys as readonly string[]).includes(key) ? authMethods[key as AuthMethodKey] : undefined;
}
