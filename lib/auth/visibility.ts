import type { FieldVisibility } from "@/db/schema/integrations";
import type { TenantScope } from "@/lib/tenancy";

// Field visibility: who may see and set each field of an instance's connection. The one rule every
// entry point (pages, actions, API v1, the embedded bridge) reaches through lib/credentials and
// lib/instances; no entry point decides it itself. Pure, so the client's designer can read it too.

/**
 * Who is configuring: the organization (a team member or an organization API key) sets any field;
 * a customer user (or an embedded user on the customer screens) only "customer" fields; the
 * embedding partner's code (postMessage from the partner's page) "customer" and "embedded" ones.
 */
export type Configurer = "organization" | "customer" | "embedded";

/** Whether this configurer may see or set a field of this visibility. Hidden fields are the organization's alone. */
export function mayTouchField(configurer: Configurer, visibility: FieldVisibility): boolean {
  if (configurer === "organization") return true;
  return visibility === "customer" || (configurer === "embedded" && visibility === "embedded");
}

/** The configurer a scope may act as: a customer's scope is never the organization, whatever an entry point asked for. */
export function configurerFor(scope: TenantScope, requested?: Configurer): Configurer {
  if (typeof scope.customerId !== "string") return requested ?? "organization";
  return requested === "embedded" ? "embedded" : "customer";
}

/** Field errors for keys this configurer may not set, empty when every key is allowed. */
export function refusedFields(
  configurer: Configurer,
  keys: Iterable<string>,
  visibilityOf: (key: string) => FieldVisibility,
): Record<string, string> {
  const refused: Record<string, string> = {};
  for (const key of keys)
    if (!mayTouchField(configurer, visibilityOf(key)))
      refused[`values.${key}`] = "This field is set by the organization";
  return refused;
}

// Fields whose URL receives the client secret, refresh token or API key when Latchkey calls it.
const SECRET_RECEIVING_URLS: ReadonlyMap<string, string> = new Map([
  ["auth_uri", "the provider's sign-in page; a customer could send its users to a page of its choosing"],
  ["token_uri", "the client secret, authorization codes and refresh tokens"],
  ["revoke_uri", "the client secret and the tokens being revoked"],
]);

/**
 * Why making a field customer-visible is dangerous, or null: a URL that receives secrets lets whoever
 * sets it send the organization's secrets (hidden defaults included) to a server of its choosing.
 * `baseUrlFields` are the fields the test request and the proxy build their target from.
 */
export function secretUrlWarning(
  field: { key: string; type: string },
  visibility: FieldVisibility,
  baseUrlFields: ReadonlySet<string>,
): string | null {
  if (visibility === "hidden" || field.type !== "url") return null;
  const receives =
    SECRET_RECEIVING_URLS.get(field.key) ??
    (baseUrlFields.has(field.key) ? "the credentials of every test request and proxied call" : undefined);
  if (!receives) return null;
  const who = visibility === "customer" ? "Customer users" : "The embedding partner";
  return `${who} can set this URL, and Latchkey sends it ${receives}, including the values you keep hidden. Keep it hidden unless they own the account.`;
}

/** The fields a type's test request URL (and so its base URL) is built from. */
export function baseUrlFieldsOf(type: {
  test?: { url: string };
  proxy?: { baseUrl?: string | Record<string, string> };
}): Set<string> {
  const proxyBases = type.proxy?.baseUrl;
  const templates = [
    type.test?.url,
    ...(typeof proxyBases === "object" ? Object.values(proxyBases) : [proxyBases]),
  ].filter((t): t is string => !!t);
  return new Set(templates.flatMap((t) => [...t.matchAll(/\{\{\s*([a-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!)));
}
