import { proxyBaseUrls, type ProxySettings } from "@/lib/connection-types/definition";
import { ConflictError, ValidationError } from "@/lib/errors";
import { own } from "@/lib/validation/own";

// Where a proxied call goes: the type's base URL, its {{placeholders}} filled from the connection's
// non-secret values and kept token metadata, then the caller's path. The path may only go below
// the base URL: a segment that climbs (`..`, `.`, or an encoded form of them, `%2e%2e`,
// `..%2F..`), a backslash, an absolute URL or a second host is refused with a 400 that says why,
// before anything is sent. What is allowed keeps its encoding as the caller sent it (an API may
// want `%2F` inside a segment).

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** A refused path: 400, the reason at `path`. */
function refused(reason: string): never {
  throw new ValidationError(reason, { path: reason });
}

/**
 * What fills the placeholders: the metadata the type keeps (instance_url, realmId, cloud_id), then
 * the connection's non-secret values over it. A kept number (Basecamp's account id) fills as its
 * digits; other kept shapes fill nothing.
 */
export function placeholderValues(
  metadata: Record<string, unknown>,
  plainValues: Record<string, string>,
): Record<string, string> {
  const kept = Object.entries(metadata)
    .filter((e): e is [string, string | number] => typeof e[1] === "string" || typeof e[1] === "number")
    .map(([k, v]) => [k, String(v)]);
  return { ...Object.fromEntries(kept), ...plainValues };
}

/** Fills a base URL template; a placeholder that starts it is its origin (inserted as it is), others are encoded. */
export function fillBaseUrl(template: string, values: Record<string, string>): URL {
  const filled = template.replace(PLACEHOLDER, (match: string, key: string, offset: number) => {
    const value = own(values, key);
    if (value === undefined || value === "")
      throw new ConflictError(`Set ${key} first: the proxy's base URL is built from it`, {
        [`values.${key}`]: "Needed by the proxy",
      });
    if (offset !== 0) return encodeURIComponent(value);
    return match.length === template.length ? value : value.replace(/\/+$/, "");
  });
  try {
    return new URL(filled);
  } catch {
    throw new ConflictError("The proxy's base URL is not a valid URL with this connection's values");
  }
}

/** The segments of a raw path, each checked: nothing that climbs, no backslash, no NUL. */
function checkedSegments(rawPath: string): string[] {
  if (rawPath.startsWith("/")) refused("The path names another host (it starts with //)");
  const segments = rawPath.split("/");
  if (/^[a-z][a-z0-9+.-]*:/i.test(segments[0] ?? ""))
    refused("The path is an absolute URL; give a path below the base URL");
  // Decoded, `%2F%2Fhost` would be a network-path reference in front of everything else.
  if (/^(\/|%2f|%5c)/i.test(segments[0] ?? "")) refused("The path names another host (it starts with an encoded //)");
  for (const raw of segments) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      refused("A path segment holds bad percent-encoding");
    }
    if (raw.includes("\\") || decoded.includes("\\")) refused("The path holds a backslash");
    if (/[\u0000-\u001f]/.test(decoded)) refused("The path holds a control character");
    if (decoded.split("/").some((part) => part === ".." || part === "."))
      refused("The path climbs out of the base URL (a . or .. segment, plain or encoded)");
  }
  return segments;
}

/** The target of a call: the chosen base URL, the path below it, its query then the caller's. */
export function proxyTarget(
  proxy: Pick<ProxySettings, "baseUrl">,
  values: Record<string, string>,
  rawPath: string,
  search: string,
): URL {
  const bases = proxyBaseUrls(proxy);
  let segments = checkedSegments(rawPath);
  let template = bases[""];
  if (template === undefined) {
    // Named base URLs: the first segment says which (/proxy/content/2/files/download).
    const name = segments[0] ?? "";
    template = own(bases, name);
    if (template === undefined) refused(`Start the path with the base URL's name: ${Object.keys(bases).join(" or ")}`);
    segments = segments.slice(1);
  }
  const base = fillBaseUrl(template, values);
  const basePath = base.pathname.replace(/\/+$/, "");
  const target = new URL(base.href);
  // No path: the base URL itself (an MCP server's endpoint is its URL, with no slash after it).
  const below = segments.join("/");
  target.pathname = below ? `${basePath}/${below}` : basePath || "/";
  // A query the base URL carries (Trello's ?key=) goes first, the caller's after it.
  const query = [base.search.slice(1), search.replace(/^\?/, "")].filter(Boolean).join("&");
  target.search = query ? `?${query}` : "";
  target.hash = "";
  // The URL parser has the last word: what it made must still be below the base URL, on its host.
  if (target.origin !== base.origin) refused("The path names another host");
  if (!(target.pathname === basePath || target.pathname.startsWith(`${basePath}/`)))
    refused("The path climbs out of the base URL");
  return target;
}
