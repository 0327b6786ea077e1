import { z } from "zod";
import { NO_CONTROL_MESSAGE, noControl } from "@/lib/validation/text";
import { kindOf } from "./kinds";
import { connectionCategories } from "./categories";
import { connectionKinds, fieldTypes } from "./names";
import { templatedEndpoints, templateProblems } from "./templates";

// What a connection type is, as one zod schema: the built-in catalogue (lib/connection-types/catalog) is checked
// against it by a unit test, and `POST /api/v1/connection-types` parses custom types with it. The
// forms, the validation of values, the OAuth client and the test request all read these definitions.

const KEY = /^[a-z][a-z0-9_]*$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export { fieldTypes, connectionKinds, type ConnectionKind } from "./names";

export const connectionFieldSchema = z.object({
  key: z
    .string()
    .regex(KEY, "A field key is lower case letters, digits and underscores, starting with a letter")
    .max(64),
  label: z.string().trim().min(1, "A field needs a label").max(100).refine(noControl, NO_CONTROL_MESSAGE),
  type: z.enum(fieldTypes, { message: "type is string, password, text or url" }).default("string"),
  required: z.boolean().default(false),
  secret: z.boolean().optional(),
  default: z.string().max(4096, "A default is at most 4,096 characters").optional(),
  placeholder: z.string().max(200).optional(),
  help: z.string().max(500).optional(),
  /** A format check beyond the type, with its message at the field: a PEM or OpenSSH private key. */
  format: z.enum(["private_key"], { message: "format is private_key" }).optional(),
  /** A regular expression the whole value must match (a subdomain: ^[a-z0-9-]+$), checked at save and before use. */
  pattern: z.string().min(1).max(200).refine(isRegExp, "pattern is not a valid regular expression").optional(),
  /** What the person is told when the value does not match the pattern. */
  patternMessage: z.string().max(200).optional(),
});
export type ConnectionField = z.infer<typeof connectionFieldSchema> & { secret: boolean };

function isRegExp(source: string): boolean {
  try {
    new RegExp(source, "u");
    return true;
  } catch {
    return false;
  }
}

const KIB = 1024;

/** The longest value a field takes: a key file runs long, a URL less so than other text. */
export function fieldMaxLength(field: Pick<ConnectionField, "type">): number {
  return field.type === "text" ? 64 * KIB : field.type === "url" ? 2 * KIB : 4 * KIB;
}

/** Whoever has no default to fall back on must give a required field. */
export function fieldNeedsValue(field: Pick<ConnectionField, "required" | "default">): boolean {
  return field.required && field.default === undefined;
}

const headerSchema = z.object({
  name: z.string().regex(HEADER_NAME, "Not a valid HTTP header name").max(100),
  value: z.string().max(2048),
  on: z.enum(["authorize", "token", "both"]).default("both"),
});

const params = z.record(z.string().max(100), z.string().max(500));
const answerPathValue = z.string().min(1).max(100);
const answerPath = answerPathValue.optional();

/** How the client proves itself at the token endpoint; private_key_jwt signs with the type's `private_key` field (RFC 7523). */
export const tokenAuthMethods = ["client_secret_basic", "client_secret_post", "none", "private_key_jwt"] as const;

export const oauthSettingsSchema = z.object({
  pkce: z.boolean().default(true),
  tokenAuthMethod: z
    .enum(tokenAuthMethods, {
      message: "tokenAuthMethod is client_secret_basic, client_secret_post, none or private_key_jwt",
    })
    .default("client_secret_basic"),
  scopeSeparator: z.string().max(3).default(" "),
  authorizeParams: z.record(z.string().max(100), z.string().max(500)).default({}),
  headers: z.array(headerSchema).max(20).default([]),
  /**
   * The authorization server's issuer identifier, compared with the `iss` of the callback (RFC 9207).
   * Unset: the origin of the authorization URL.
   */
  issuer: z.url().max(2048).optional(),
  /** Where the access token sits when a provider nests it (e.g. "authed_user.access_token"). */
  accessTokenPath: z.string().max(100).optional(),
  /** Token response fields kept as metadata and handed to integration code (e.g. instance_url). */
  keepTokenFields: z.array(z.string().max(100)).max(20).default([]),
  /** Query parameters of the callback kept as metadata (e.g. QuickBooks' realmId). */
  keepCallbackParams: z.array(z.string().max(100)).max(20).default([]),
  /** Extra body parameters of the code exchange and client credentials requests. */
  tokenParams: params.default({}),
  /** Extra body parameters of refresh requests. */
  refreshParams: params.default({}),
  /** How the token request body is encoded: form (RFC 6749) or JSON (some providers want only that). */
  tokenRequestFormat: z.enum(["form", "json"], { message: "tokenRequestFormat is form or json" }).default("form"),
  /** Where the answer holds the refresh token, its lifetime (seconds) or its expiry (epoch seconds or ISO date). */
  refreshTokenPath: answerPath,
  expiresInPath: answerPath,
  expiresAtPath: answerPath,
  /** A field that, when present and not false, makes an answer an error whatever its status (Slack's 200 with ok:false: "error"). */
  errorPath: answerPath,
  /**
   * rotates: each refresh answers a new refresh token; keep: the answer may leave it out and the held
   * one stays; none: tokens do not expire and are never refreshed. In no case is a held refresh token
   * dropped because an answer left it out.
   */
  refreshTokenPolicy: z
    .enum(["rotates", "keep", "none"], { message: "refreshTokenPolicy is rotates, keep or none" })
    .default("keep"),
  /**
   * A request made with the new access token right after CONNECT, whose answer fields are kept as
   * token metadata (Atlassian's accessible resources: {"cloud_id": "0.id"}). Its URL may be templated like the endpoints.
   */
  postConnect: z
    .object({
      url: z.string().min(1, "The after-CONNECT request needs a URL").max(2048),
      method: z.enum(["GET", "POST"]).default("GET"),
      /**
       * Headers sent beside the access token (sent as bearer), their values templated with {{field}} from
       * non-secret fields: a header lands in logs and proxies, a secret does not.
       */
      headers: z
        .array(
          z.object({
            name: z
              .string()
              .regex(HEADER_NAME, "Not a valid HTTP header name")
              .max(100)
              .refine((n) => n.toLowerCase() !== "authorization", "The access token is sent as Authorization already"),
            value: z.string().max(2048).refine(noControl, NO_CONTROL_MESSAGE),
          }),
        )
        .max(10, "At most 10 after-CONNECT headers")
        .optional(),
      keep: z
        .record(
          z.string().regex(KEY, "A kept name is lower case letters, digits and underscores").max(64),
          answerPathValue,
        )
        .refine((k) => Object.keys(k).length >= 1 && Object.keys(k).length <= 20, "Keep 1 to 20 answer fields"),
    })
    .optional(),
  /** How the provider is asked for a refresh token: a scope (offline_access) or authorization parameters (access_type=offline). */
  offlineAccess: z.object({ scope: z.string().max(100).optional(), params: params.default({}) }).optional(),
});
export type OAuthSettings = z.infer<typeof oauthSettingsSchema>;

/** How the test request (and integration code) presents the credential. */
export const requestAuthSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("none") }),
  z.object({ type: z.literal("basic"), usernameField: z.string(), passwordField: z.string() }),
  // nameField: a field that holds the header or parameter name (generic HTTP); name is the fallback.
  z.object({
    type: z.literal("header"),
    name: z.string().regex(HEADER_NAME, "Not a valid HTTP header name"),
    nameField: z.string().optional(),
    // Unset for an OAuth kind: the header carries the access token (Shopify's X-Shopify-Access-Token).
    valueField: z.string().optional(),
    prefix: z.string().max(50).optional(),
  }),
  z.object({
    type: z.literal("query"),
    name: z.string().min(1).max(100),
    nameField: z.string().optional(),
    valueField: z.string(),
  }),
  z.object({ type: z.literal("bearer"), tokenField: z.string().optional() }),
]);
export type RequestAuth = z.infer<typeof requestAuthSchema>;

export const testRequestSchema = z.object({
  /** May use {{field_key}} placeholders, filled with the connection's values (URL-encoded). */
  url: z.string().min(1, "The test request needs a URL").max(2048),
  method: z.enum(["GET", "POST", "HEAD"]).default("GET"),
  auth: requestAuthSchema.optional(),
});
export type TestRequest = z.infer<typeof testRequestSchema>;

/** How the proxy presents the credential: the test request's forms, plus AWS Signature Version 4. */
export const proxyAuthSchema = z.union([
  requestAuthSchema,
  z.object({
    type: z.literal("aws_sigv4"),
    service: z
      .string()
      .regex(/^[a-z0-9-]+$/, "service is an AWS service name such as s3")
      .max(50),
    regionField: z.string(),
    accessKeyField: z.string().default("access_key_id"),
    secretKeyField: z.string().default("secret_access_key"),
  }),
  // Tableau's REST API: a personal access token signs in for a short-lived session token, sent as
  // X-Tableau-Auth; the base URL may use {{site_luid}}, the site id the sign-in answers.
  z.object({
    type: z.literal("tableau_pat"),
    version: z
      .string()
      .regex(/^\d+\.\d+$/, "version is a Tableau REST API version such as 3.24")
      .default("3.24"),
    hostField: z.string().default("host_name"),
    siteField: z.string().default("site_id"),
    tokenNameField: z.string().default("token_name"),
    tokenField: z.string().default("token"),
  }),
]);
/** The placeholder a Tableau session fills: the signed-in site's id. */
export const TABLEAU_SITE_PLACEHOLDER = "site_luid";
export type ProxyAuth = z.infer<typeof proxyAuthSchema>;

const BASE_NAME = /^[a-z][a-z0-9_-]*$/;
const baseUrlSchema = z.string().min(1, "The proxy needs a base URL").max(2048);

/**
 * The proxy of API.md: where `/proxy/{path}` goes. A map of named base URLs (Dropbox's api and
 * content hosts) is chosen by the first segment of the path; the first one is no default, so that a
 * call always says which host it means.
 */
export const proxySettingsSchema = z.object({
  baseUrl: z.union([
    baseUrlSchema,
    z
      .record(z.string().regex(BASE_NAME, "A base URL name is lower case letters, digits, - and _"), baseUrlSchema)
      .refine((m) => Object.keys(m).length > 0 && Object.keys(m).length <= 10, "Name one to ten base URLs"),
  ]),
  auth: proxyAuthSchema.optional(),
  refreshOn: z.array(z.number().int().min(400).max(599)).max(10).default([401]),
  /** Retries of an idempotent call answered 429, 502, 503 or 504 (Retry-After honoured up to 10 s). */
  retries: z.number().int().min(0).max(5).default(2),
  /** Calls in flight per connection; more wait their turn. */
  concurrency: z.number().int().min(1).max(100).default(10),
  /** Calls per minute per connection; past it, 429. None by default. */
  rateLimit: z.object({ perMinute: z.number().int().min(1).max(100_000) }).optional(),
  timeouts: z
    .object({
      /** Until the API's status line. */
      answerMs: z.number().int().min(100).max(300_000).default(30_000),
      /** Until the whole call is over, its answer body included. */
      totalMs: z.number().int().min(1_000).max(3_600_000).default(900_000),
    })
    .default({ answerMs: 30_000, totalMs: 900_000 }),
});
export type ProxySettings = z.infer<typeof proxySettingsSchema>;

/** The base URL templates of a proxy, by name ("" for a single one). */
export function proxyBaseUrls(proxy: Pick<ProxySettings, "baseUrl">): Record<string, string> {
  return typeof proxy.baseUrl === "string" ? { "": proxy.baseUrl } : proxy.baseUrl;
}

const typeKeySchema = z
  .string()
  .regex(KEY, "key is lower case letters, digits and underscores, starting with a letter")
  .min(2)
  .max(64);
const typeLabelSchema = z
  .string()
  .trim()
  .min(1, "A connection type needs a label")
  .max(100)
  .refine(noControl, NO_CONTROL_MESSAGE);
const kindSchema = z.enum(connectionKinds, { message: "kind is fields, oauth2, oauth2_client_credentials or mcp" });
const fieldsSchema = z.array(connectionFieldSchema).min(1, "A connection type needs at least one field").max(50);

// Where a type sits in the catalogue, its brand icon, and how to register an app with the provider.
const catalogueProperties = {
  category: z
    .enum(connectionCategories, { message: `category is one of ${connectionCategories.join(", ")}` })
    .optional(),
  /** A simple-icons slug (e.g. "zendesk"); the screens fall back to the type's initials. */
  icon: z
    .string()
    .regex(/^[a-z0-9]+$/, "icon is a simple-icons slug: lower case letters and digits")
    .max(50)
    .optional(),
  /** The steps to register the OAuth app (or get the key) at the provider, one sentence each. */
  setup: z.array(z.string().min(1).max(400)).max(12).optional(),
};

export const connectionTypeInputSchema = z
  .object({
    key: typeKeySchema,
    label: typeLabelSchema,
    description: z.string().max(500).default(""),
    kind: kindSchema,
    fields: fieldsSchema,
    oauth: oauthSettingsSchema.optional(),
    test: testRequestSchema.optional(),
    proxy: proxySettingsSchema.optional(),
    docsUrl: z.url().optional(),
    ...catalogueProperties,
  })
  .superRefine((t, ctx) => {
    const keys = new Set<string>();
    t.fields.forEach((f, i) => {
      if (keys.has(f.key))
        ctx.addIssue({ code: "custom", path: ["fields", i, "key"], message: `Field key ${f.key} is used twice` });
      keys.add(f.key);
    });
    for (const issue of kindOf(t.kind).definitionIssues(keys, !!t.oauth))
      ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
    const authFieldIssues = (auth: object | undefined, where: string) => {
      for (const [name, ref] of Object.entries(auth ?? {})) {
        if (name.endsWith("Field") && typeof ref === "string" && !keys.has(ref))
          ctx.addIssue({ code: "custom", path: [where, "auth", name], message: `No field ${ref} in this type` });
      }
    };
    const tokenHeaderIssue = (auth: ProxyAuth | undefined, where: string) => {
      if (t.kind === "fields" && auth?.type === "header" && !auth.valueField)
        ctx.addIssue({
          code: "custom",
          path: [where, "auth", "valueField"],
          message: "Name the field the header carries: a fields type holds no access token",
        });
    };
    authFieldIssues(t.test?.auth, "test");
    tokenHeaderIssue(t.test?.auth, "test");
    if (t.proxy) {
      authFieldIssues(t.proxy.auth, "proxy");
      tokenHeaderIssue(t.proxy.auth, "proxy");
      // Token metadata the type keeps may fill a placeholder too (Salesforce's instance_url, Atlassian's cloud_id).
      const kept = new Set([
        ...(t.oauth?.keepTokenFields ?? []),
        ...(t.oauth?.keepCallbackParams ?? []),
        ...Object.keys(t.oauth?.postConnect?.keep ?? {}),
      ]);
      const secretKeys = new Set(t.fields.filter(isSecretField).map((f) => f.key));
      for (const [name, template] of Object.entries(proxyBaseUrls(t.proxy)))
        for (const match of template.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)) {
          // A URL is logged and shown; a secret travels only through the auth form.
          if (secretKeys.has(match[1]!))
            ctx.addIssue({
              code: "custom",
              path: name ? ["proxy", "baseUrl", name] : ["proxy", "baseUrl"],
              message: `The proxy's base URL names {{${match[1]}}}, a secret field: a URL is logged and shown, a secret is not`,
            });
          else if (
            !keys.has(match[1]!) &&
            !kept.has(match[1]!) &&
            !(t.proxy.auth?.type === "tableau_pat" && match[1] === TABLEAU_SITE_PLACEHOLDER)
          )
            ctx.addIssue({
              code: "custom",
              path: name ? ["proxy", "baseUrl", name] : ["proxy", "baseUrl"],
              message: `The proxy's base URL names {{${match[1]}}}, which is neither a field nor kept token metadata`,
            });
        }
    }
    const secrecy = t.fields.map((f) => ({ ...f, secret: isSecretField(f) }));
    t.fields.forEach((f, i) => {
      if (!(templatedEndpoints as readonly string[]).includes(f.key) || !f.default) return;
      for (const message of templateProblems(f.default, secrecy, { needsPattern: true }))
        ctx.addIssue({ code: "custom", path: ["fields", i, "default"], message: `${f.label} ${message}` });
    });
    for (const message of templateProblems(t.oauth?.postConnect?.url ?? "", secrecy, { needsPattern: true }))
      ctx.addIssue({
        code: "custom",
        path: ["oauth", "postConnect", "url"],
        message: `The after-CONNECT URL ${message}`,
      });
    t.oauth?.postConnect?.headers?.forEach((h, i) => {
      for (const message of templateProblems(h.value, secrecy, { needsPattern: false, inHeader: true }))
        ctx.addIssue({
          code: "custom",
          path: ["oauth", "postConnect", "headers", i, "value"],
          message: `The after-CONNECT header ${h.name} ${message}`,
        });
    });
    for (const message of templateProblems(t.test?.url ?? "", secrecy, { needsPattern: false }))
      ctx.addIssue({ code: "custom", path: ["test", "url"], message: `The test URL ${message}` });
    if (t.oauth?.tokenAuthMethod === "private_key_jwt" && !secrecy.some((f) => f.key === "private_key" && f.secret))
      ctx.addIssue({
        code: "custom",
        path: ["oauth", "tokenAuthMethod"],
        message: "private_key_jwt signs with the type's private_key field: declare it, secret",
      });
  });
export type ConnectionTypeInput = z.input<typeof connectionTypeInputSchema>;

/**
 * A change to a custom type: the properties given replace the stored ones (null removes an
 * optional one), then the whole definition is checked again. No defaults here, so that a property
 * left out keeps its stored value. key and kind may be repeated but not changed: integrations,
 * credentials and step actions refer to the key, and stored values were entered for the kind.
 */
export const connectionTypePatchSchema = z
  .object({
    key: typeKeySchema.optional(),
    label: typeLabelSchema.optional(),
    description: z.string().max(500).optional(),
    kind: kindSchema.optional(),
    fields: fieldsSchema.optional(),
    oauth: oauthSettingsSchema.nullable().optional(),
    test: testRequestSchema.nullable().optional(),
    proxy: proxySettingsSchema.nullable().optional(),
    docsUrl: z.url().nullable().optional(),
    category: catalogueProperties.category.nullable(),
    icon: catalogueProperties.icon.nullable(),
    setup: catalogueProperties.setup.nullable(),
  })
  .strict()
  .meta({ id: "ConnectionTypePatch" });
export type ConnectionTypePatch = z.output<typeof connectionTypePatchSchema>;

/** A connection type as the app uses it: parsed, with defaults filled and secrecy decided. */
export type ConnectionType = Omit<z.output<typeof connectionTypeInputSchema>, "fields"> & {
  fields: ConnectionField[];
  builtIn: boolean;
};

/** Password fields, client_secret and private_key are secret unless said otherwise. */
function isSecretField(f: { key: string; type: string; secret?: boolean }): boolean {
  return f.secret ?? (f.type === "password" || f.key === "client_secret" || f.key === "private_key");
}

/** Parses a definition and decides secrecy: password fields and client_secret are secret unless said otherwise. */
export function toConnectionType(input: z.output<typeof connectionTypeInputSchema>, builtIn: boolean): ConnectionType {
  const fields = input.fields.map((f) => ({ ...f, secret: isSecretField(f) }));
  const oauth = kindOf(input.kind).traits.holdsTokens ? (input.oauth ?? oauthSettingsSchema.parse({})) : undefined;
  return { ...input, fields, oauth, builtIn };
}
