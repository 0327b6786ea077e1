// Which headers cross the proxy. Going out: the caller's, except its credential (Authorization,
// Cookie), Host, the hop-by-hop ones (RFC 9110 section 7.6.1, and any the Connection header names),
// what says where the caller is (Forwarded, X-Forwarded-*, X-Real-IP), and Latchkey's own. Coming
// back: the upstream's, except Set-Cookie (the caller is not the upstream's browser) and hop-by-hop.

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);
const NOT_SENT_ON = new Set(["authorization", "cookie", "host", "forwarded", "x-real-ip", "expect"]);
const NOT_SENT_ON_PREFIX = /^(x-forwarded-|latchkey-|x-middleware-|x-nextjs-|next-)/;

/** Names the Connection header lists: hop-by-hop too. */
function connectionNamed(value: string | null): Set<string> {
  return new Set(
    (value ?? "")
      .split(",")
      .map((n) => n.trim().toLowerCase())
      .filter(Boolean),
  );
}

/** The caller's headers that go on to the upstream. */
export function forwardedRequestHeaders(incoming: Headers): Headers {
  const named = connectionNamed(incoming.get("connection"));
  const out = new Headers();
  for (const [name, value] of incoming) {
    if (HOP_BY_HOP.has(name) || NOT_SENT_ON.has(name) || NOT_SENT_ON_PREFIX.test(name) || named.has(name)) continue;
    out.append(name, value);
  }
  return out;
}

/** The upstream's headers that go back to the caller. */
export function answeredHeaders(pairs: [string, string][]): Headers {
  const named = new Set<string>();
  for (const [name, value] of pairs)
    if (name.toLowerCase() === "connection") for (const n of connectionNamed(value)) named.add(n);
  const out = new Headers();
  for (const [rawName, value] of pairs) {
    const name = rawName.toLowerCase();
    if (HOP_BY_HOP.has(name) || name === "set-cookie" || named.has(name)) continue;
    out.append(name, value);
  }
  return out;
}
