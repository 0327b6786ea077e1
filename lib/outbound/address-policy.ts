import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

// Which addresses Latchkey may send secrets to (DESIGN.md, Outbound requests): public ones only,
// unless LATCHKEY_ALLOW_PRIVATE_NETWORK lifts the rule for development and tests.
//
// The ranges come from ipaddr.js (kept up to date with the IANA special-purpose registries) rather
// than a hand list: only what it calls plain "unicast" is public. Everything that embeds or tunnels
// an IPv4 address (IPv4-compatible, SIIT `::ffff:0:a.b.c.d`, NAT64 `64:ff9b::/96` and
// `64:ff9b:1::/48`, 6to4, Teredo) is refused outright: the embedded address is what a gateway
// would reach, and it may be a private one. The one exception is the IPv4-mapped form
// (`::ffff:a.b.c.d`), which a dual-stack socket connects to as plain IPv4: it is judged by its
// IPv4 address.

/** The canonical text of an IPv6 address (WHATWG URL serialisation), or null if it is not one. */
function canonicalIpv6(address: string): string | null {
  if (isIP(address) !== 6) return null;
  try {
    // ipaddr.js reads `::a.b.c.d` (IPv4-compatible) as if it were `::ffff:a.b.c.d`; the URL
    // parser does not, so parse its serialisation instead.
    return new URL(`http://[${address}]/`).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return null;
  }
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), else the address itself. */
export function unmapAddress(address: string): string {
  const v6 = canonicalIpv6(address);
  if (!v6) return address;
  const parsed = ipaddr.IPv6.parse(v6);
  return parsed.isIPv4MappedAddress() ? parsed.toIPv4Address().toString() : address;
}

function isIpv4Compatible(parts: number[]): boolean {
  // ::/96 minus :: and ::1 (which ipaddr.js names unspecified and loopback): deprecated, and
  // stacks that still honour it tunnel to the embedded IPv4 address.
  return parts.slice(0, 6).every((part) => part === 0);
}

/** Whether an IP address is loopback, private, link-local, metadata or otherwise not public. */
export function isNonPublicAddress(address: string): boolean {
  const plain = address.replace(/^\[|\]$/g, "");
  const family = isIP(plain);
  if (family === 4) return ipaddr.IPv4.parse(plain).range() !== "unicast";
  if (family !== 6) return true;
  const v6 = canonicalIpv6(plain);
  if (!v6) return true;
  const parsed = ipaddr.IPv6.parse(v6);
  if (parsed.isIPv4MappedAddress()) return parsed.toIPv4Address().range() !== "unicast";
  if (isIpv4Compatible(parsed.parts)) return true;
  return parsed.range() !== "unicast";
}
