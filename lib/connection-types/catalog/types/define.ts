import type { ConnectionCategory } from "@/lib/connection-types/categories";
import type { ConnectionTypeInput } from "@/lib/connection-types/definition";
import { oauthFields } from "./oauth-helpers";
import { clientCredentialsSetup, keySetup, oauthAppSetup } from "./setup-steps";

// Short ways to write a catalogue entry: the endpoints, scopes and quirks that differ from provider
// to provider, and the registration steps built from where the provider's console is. Each entry
// is checked by the same schema as a custom type (lib/connection-types/catalog/built-in.test.ts).

type Field = ConnectionTypeInput["fields"][number];
type OAuth = NonNullable<ConnectionTypeInput["oauth"]>;
type Test = NonNullable<ConnectionTypeInput["test"]>;
type Proxy = NonNullable<ConnectionTypeInput["proxy"]>;

type Common = {
  key: string;
  label: string;
  category: ConnectionCategory;
  docs: string;
  /** A simple-icons slug; unset: the key without underscores, where simple-icons has it. */
  icon?: string;
  description?: string;
  /** A GET test URL (bearer for OAuth kinds), or the whole test request. */
  test?: string | Test;
  /** Where the proxy sends calls, and how it presents the credential (OAuth kinds: bearer unless said). */
  proxy?: Proxy;
};

type OAuthSpec = Common & {
  kind?: "oauth2" | "oauth2_client_credentials";
  auth?: string;
  token: string;
  revoke?: string;
  scopes: string;
  /** Where the app is registered, as a path through the provider's screens. */
  console: string;
  /** What the provider calls the callback URL. */
  redirectName?: string;
  clientIdLabel?: string;
  clientSecretLabel?: string;
  /** Fields before the OAuth ones: a subdomain, a shop, a region. */
  fields?: Field[];
  oauth?: Partial<OAuth>;
};

type KeySpec = Common & {
  fields: Field[];
  /** Where the customer finds the key. */
  where: string;
};

const testOf = (test: Common["test"], bearer: boolean): Test | undefined =>
  typeof test === "string" ? { url: test, method: "GET", ...(bearer ? { auth: { type: "bearer" } } : {}) } : test;

/** An OAuth 2.0 provider. */
export function oauthProvider(s: OAuthSpec): ConnectionTypeInput {
  const kind = s.kind ?? "oauth2";
  const setup = kind === "oauth2" ? oauthAppSetup(s) : clientCredentialsSetup(s);
  const method = s.oauth?.tokenAuthMethod ?? "client_secret_post";
  const fields = oauthFields({
    ...(kind === "oauth2" ? { auth: s.auth ?? "" } : {}),
    token: s.token,
    ...(s.revoke ? { revoke: s.revoke } : {}),
    scopes: s.scopes,
    ...(s.clientIdLabel ? { clientIdLabel: s.clientIdLabel } : {}),
    ...(s.clientSecretLabel ? { clientSecretLabel: s.clientSecretLabel } : {}),
  }).filter((f) => !(method === "none" && f.key === "client_secret"));
  const test = testOf(s.test, true);
  return {
    key: s.key,
    label: s.label,
    description: s.description ?? "",
    kind,
    category: s.category,
    icon: s.icon ?? s.key.replace(/_/g, ""),
    docsUrl: s.docs,
    setup,
    fields: [...(s.fields ?? []), ...fields],
    oauth: { pkce: kind === "oauth2", tokenAuthMethod: "client_secret_post", scopeSeparator: " ", ...s.oauth },
    ...(test ? { test } : {}),
    ...(s.proxy ? { proxy: s.proxy } : {}),
  };
}

/** A provider whose customers paste an API key (or a key pair) instead of authorizing. */
export function keyProvider(s: KeySpec): ConnectionTypeInput {
  const test = testOf(s.test, false);
  return {
    key: s.key,
    label: s.label,
    description: s.description ?? "",
    kind: "fields",
    category: s.category,
    icon: s.icon ?? s.key.replace(/_/g, ""),
    docsUrl: s.docs,
    setup: keySetup(s.where),
    fields: s.fields,
    ...(test ? { test } : {}),
    ...(s.proxy ? { proxy: s.proxy } : {}),
  };
}

/** A field that is part of a URL: matched against its pattern, so no value can change the host. */
export function urlPart(key: string, label: string, pattern: string, example: string, help?: string): Field {
  return {
    key,
    label,
    type: "string",
    required: true,
    pattern,
    patternMessage: `${label} looks like ${example}`,
    placeholder: example,
    ...(help ? { help } : {}),
  };
}

/** A subdomain: lower case letters, digits and dashes. */
export const subdomain = (label: string, example: string, help?: string) =>
  urlPart("subdomain", label, "[a-z0-9][a-z0-9-]{0,62}", example, help);

/** A secret value field (an API key, a token). */
export const secret = (key: string, label: string): Field => ({
  key,
  label,
  type: "password",
  required: true,
  secret: true,
});

/** A plain required field. */
export const plain = (key: string, label: string, o: Partial<Field> = {}): Field => ({
  key,
  label,
  type: "string",
  required: true,
  ...o,
});

/** Microsoft identity platform endpoints of a tenant ("common", "organizations" or a tenant id). */
export const microsoftTenant = urlPart(
  "tenant",
  "Directory (tenant)",
  "common|organizations|consumers|[0-9a-f-]{36}|[a-z0-9-]+\\.onmicrosoft\\.com",
  "common",
  "common for any work account, or your tenant's id",
);

/** Google's OAuth 2.0 endpoints: offline access and consent each time, so a refresh token always comes. */
export const google = {
  auth: "https://accounts.google.com/o/oauth2/v2/auth",
  token: "https://oauth2.googleapis.com/token",
  revoke: "https://oauth2.googleapis.com/revoke",
  console:
    "Google Cloud console → APIs & Services → Credentials → Create credentials → OAuth client ID (Web application)",
  redirectName: "authorized redirect URI",
  oauth: { authorizeParams: { access_type: "offline", prompt: "consent" }, refreshTokenPolicy: "keep" as const },
};

/** Microsoft identity platform (Entra ID) endpoints, for Graph and Dynamics. */
export const microsoft = {
  auth: "https://login.microsoftonline.com/{{tenant}}/oauth2/v2.0/authorize",
  token: "https://login.microsoftonline.com/{{tenant}}/oauth2/v2.0/token",
  console: "Microsoft Entra admin center → App registrations → New registration (platform: Web)",
  redirectName: "redirect URI",
  clientIdLabel: "Application (client) ID",
  fields: [{ ...microsoftTenant, default: "common", required: false }],
  oauth: { offlineAccess: { scope: "offline_access", params: {} }, refreshTokenPolicy: "rotates" as const },
};

/** How Zoho's APIs take the access token: their own scheme, not Bearer. */
export const zohoToken = { type: "header", name: "Authorization", prefix: "Zoho-oauthtoken " } as const;

/** Zoho's accounts server of a data centre (com, eu, in, com.au, jp, ca); the API domain comes back with the token. */
export const zoho = {
  auth: "https://accounts.zoho.{{dc}}/oauth/v2/auth",
  token: "https://accounts.zoho.{{dc}}/oauth/v2/token",
  revoke: "https://accounts.zoho.{{dc}}/oauth/v2/token/revoke",
  console: "api-console.zoho.com → Add client → Server-based applications",
  redirectName: "authorized redirect URI",
  fields: [
    {
      ...urlPart("dc", "Data centre", "com|eu|in|com\\.au|jp|ca|com\\.cn|sa", "com", "com, eu, in, com.au, jp, ca"),
      default: "com",
    },
  ],
  oauth: {
    pkce: false,
    scopeSeparator: ",",
    authorizeParams: { access_type: "offline", prompt: "consent" },
    keepTokenFields: ["api_domain"],
  },
};
