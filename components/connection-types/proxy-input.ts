import type { ConnectionTypeInput, ProxySettings } from "@/lib/connection-types/definition";
import { list } from "./connection-type-input";

// The type form's Proxy disclosure turned into the definition's `proxy` block: plain functions, so
// that the section only renders and holds state. A blank number leaves the schema's default; a
// value that is not a number is sent as NaN, so that the server's zod issue says so at its field.

export const proxyAuthTypes = {
  default: "Kind's default (OAuth: bearer access token)",
  none: "None",
  bearer: "Bearer token",
  basic: "HTTP basic",
  header: "A header",
  query: "A query parameter",
  aws_sigv4: "AWS Signature Version 4",
  tableau_pat: "Tableau personal access token",
} as const;
export type ProxyAuthType = keyof typeof proxyAuthTypes;

/** A named base URL row: the first segment of the proxied path picks it. */
export type BaseUrlRow = { name: string; url: string };

type Get = (name: string) => string;
type ProxyInput = NonNullable<ConnectionTypeInput["proxy"]>;

const number = (text: string) => (text === "" ? undefined : Number(text));
const optional = (text: string) => text || undefined;

/** How the proxy presents the credential, from the section's auth inputs; undefined for the kind's default. */
export function readProxyAuth(type: ProxyAuthType, get: Get): ProxyInput["auth"] {
  switch (type) {
    case "default":
      return undefined;
    case "none":
      return { type: "none" };
    case "bearer":
      return { type: "bearer", tokenField: optional(get("proxyAuthTokenField")) };
    case "basic":
      return {
        type: "basic",
        usernameField: get("proxyAuthUsernameField"),
        passwordField: get("proxyAuthPasswordField"),
      };
    case "header":
      return {
        type: "header",
        name: get("proxyAuthName"),
        valueField: optional(get("proxyAuthValueField")),
        prefix: optional(get("proxyAuthPrefix")),
      };
    case "query":
      return { type: "query", name: get("proxyAuthName"), valueField: get("proxyAuthValueField") };
    case "aws_sigv4":
      return {
        type: "aws_sigv4",
        service: get("proxyAuthService"),
        regionField: get("proxyAuthRegionField"),
        accessKeyField: optional(get("proxyAuthAccessKeyField")),
        secretKeyField: optional(get("proxyAuthSecretKeyField")),
      };
    case "tableau_pat":
      return {
        type: "tableau_pat",
        version: optional(get("proxyAuthVersion")),
        hostField: optional(get("proxyAuthHostField")),
        siteField: optional(get("proxyAuthSiteField")),
        tokenNameField: optional(get("proxyAuthTokenNameField")),
        tokenField: optional(get("proxyAuthTokenField")),
      };
  }
}

/**
 * The proxy block, or undefined when the section is left blank (no base URL, no named one). With
 * named rows the map is sent, so that a row without a name or URL is refused at its place.
 */
export function readProxySettings(get: Get, rows: BaseUrlRow[], authType: ProxyAuthType): ProxyInput | undefined {
  const single = get("proxyBaseUrl");
  if (!single && rows.length === 0) return undefined;
  const perMinute = get("proxyRateLimit");
  const answerMs = number(get("proxyAnswerMs"));
  const totalMs = number(get("proxyTotalMs"));
  const refreshOn = get("proxyRefreshOn");
  return {
    baseUrl: rows.length > 0 ? Object.fromEntries(rows.map((r) => [r.name.trim(), r.url.trim()])) : single,
    auth: readProxyAuth(authType, get),
    refreshOn: refreshOn === "" ? undefined : list(refreshOn).map(Number),
    retries: number(get("proxyRetries")),
    concurrency: number(get("proxyConcurrency")),
    rateLimit: perMinute === "" ? undefined : { perMinute: Number(perMinute) },
    timeouts: answerMs === undefined && totalMs === undefined ? undefined : { answerMs, totalMs },
  };
}

/** The rows a saved proxy's named base URLs show as. */
export function baseUrlRows(proxy: Pick<ProxySettings, "baseUrl"> | undefined): BaseUrlRow[] {
  if (!proxy || typeof proxy.baseUrl === "string") return [];
  return Object.entries(proxy.baseUrl).map(([name, url]) => ({ name, url }));
}

/** The auth select's value for a saved proxy. */
export function proxyAuthTypeOf(proxy: Pick<ProxySettings, "auth"> | undefined): ProxyAuthType {
  return proxy?.auth?.type ?? "default";
}

/**
 * An edit of a saved proxy: auth properties the form does not show (a header's `nameField`, declared
 * through the API) are kept when the auth form stays the same; what the form shows replaces the rest.
 */
export function editedProxy(saved: ProxySettings | undefined, read: ProxyInput | undefined): ProxyInput | undefined {
  if (!saved?.auth || !read?.auth || saved.auth.type !== read.auth.type) return read;
  return { ...read, auth: { ...saved.auth, ...read.auth } as ProxyInput["auth"] };
}
