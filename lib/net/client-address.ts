import ipaddr from "ipaddr.js";

// Who is asking, as far as a rate limit can tell. Next.js does not hand route handlers (or
// next-auth's `authorize`) the socket address; its server writes the socket address into
// X-Forwarded-For when a request arrives without one, and leaves a request's own header alone. So
// the right-most X-Forwarded-For entry is the peer that talked to us (or the last proxy's view of
// its peer), and everything left of it was written by whoever sent the request. We walk from the
// right and skip only hops inside the configured trusted proxy ranges: a client cannot choose its
// address by sending a header, except when Latchkey is exposed directly and the client sends one
// (then the per-account limits still bound guessing; put Latchkey behind a proxy that appends).

/** Parsed CIDR ranges of trusted proxies. */
export type TrustedProxies = readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];

/** Parses a comma- or space-separated list of CIDR ranges or single addresses; throws naming the bad entry. */
export function parseTrustedProxies(list: string | undefined): TrustedProxies {
  const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const entry of (list ?? "").split(/[\s,]+/).filter(Boolean)) {
    try {
      if (entry.includes("/")) {
        const [address, bits] = ipaddr.parseCIDR(entry);
        ranges.push([
          normalize(address),
          address.kind() === "ipv6" && normalize(address).kind() === "ipv4" ? Math.max(0, bits - 96) : bits,
        ]);
      } else {
        const address = normalize(ipaddr.parse(entry));
        ranges.push([address, address.kind() === "ipv4" ? 32 : 128]);
      }
    } catch {
      throw new Error(`"${entry}" is not an IP address or CIDR range`);
    }
  }
  return ranges;
}

/** IPv4-mapped IPv6 (::ffff:a.b.c.d, what Node reports on dual-stack sockets) as plain IPv4. */
function normalize(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

function parseHop(hop: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  // Some proxies write "[v6]:port" or "v4:port"; a bare v6 address has several colons.
  const cleaned = hop
    .trim()
    .replace(/^\[([^\]]+)\](?::\d+)?$/, "$1")
    .replace(/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/, "$1");
  if (cleaned.length === 0 || cleaned.length > 64 || !ipaddr.isValid(cleaned)) return null;
  return normalize(ipaddr.parse(cleaned));
}

function isTrusted(address: ipaddr.IPv4 | ipaddr.IPv6, trusted: TrustedProxies): boolean {
  return trusted.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}

/**
 * The client's address from an X-Forwarded-For value: the right-most hop that is not a trusted
 * proxy, canonical ("unknown" when the header is missing or that hop is not an address, so that
 * garbage shares one bucket rather than buying a fresh one per request).
 */
export function clientAddress(forwardedFor: string | null | undefined, trusted: TrustedProxies): string {
  const hops = (forwardedFor ?? "").split(",").slice(-32).reverse();
  let last: ipaddr.IPv4 | ipaddr.IPv6 | null = null;
  for (const hop of hops) {
    const address = parseHop(hop);
    if (!address) return "unknown";
    last = address;
    if (!isTrusted(address, trusted)) return address.toString();
  }
  // Every hop was a trusted proxy: the left-most is as close to the client as we can see.
  return last ? last.toString() : "unknown";
}

/**
 * The key a rate limit counts an address under: IPv6 clients usually hold a whole /64, so they
 * are counted per /64 rather than getting 2^64 fresh buckets.
 */
export function addressBucket(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = normalize(ipaddr.parse(address));
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(":")}::/64`;
}
