import "server-only";
import { env } from "@/lib/env";
import { clientAddress, parseTrustedProxies } from "./client-address";

// Parsed once: lib/env.ts has already refused a malformed list at start-up.
const trusted = parseTrustedProxies(env.LATCHKEY_TRUSTED_PROXIES);

type HeaderSource = Headers | Record<string, unknown> | undefined;

function forwardedFor(headers: HeaderSource): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get("x-forwarded-for") ?? undefined;
  const value = Object.prototype.hasOwnProperty.call(headers, "x-forwarded-for")
    ? headers["x-forwarded-for"]
    : undefined;
  if (Array.isArray(value)) return value.join(",");
  return typeof value === "string" ? value : undefined;
}

/** The address of whoever sent this request, trusting X-Forwarded-For only through LATCHKEY_TRUSTED_PROXIES. */
export function requestAddress(headers: HeaderSource): string {
  return clientAddress(forwardedFor(headers), trusted);
}
