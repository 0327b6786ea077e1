import { proxyBaseUrls, type ConnectionType } from "@/lib/connection-types/definition";
import type { ProxyFigures } from "./figures";

// The proxy as screens show it: the URL integration code calls and where it goes. Plain data, so
// that the type page, the designer and the instance screen say the same thing.

/** Where a type's proxy sends calls, one line per base URL ("content: https://…" when named). */
export function proxyTargetsOf(type: Pick<ConnectionType, "proxy">): string[] {
  if (!type.proxy) return [];
  return Object.entries(proxyBaseUrls(type.proxy)).map(([name, url]) => (name ? `${name}: ${url}` : url));
}

/** The URL integration code calls; `{path}` is the API's own path below the base URL. */
export function proxyUrlOf(latchkeyUrl: string, instanceId: string, key: string): string {
  return `${latchkeyUrl}/api/v1/instances/${instanceId}/connections/${key}/proxy/`;
}

/** The proxy of one connection on an instance screen. */
export type ConnectionProxyView = {
  key: string;
  label: string;
  url: string;
  targets: string[];
  /** Named base URLs: the path starts with one of these names. */
  names: string[];
  figures: ProxyFigures | null;
};
