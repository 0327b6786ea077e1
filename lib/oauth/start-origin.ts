// Whether a request to start CONNECT comes from one of Latchkey's own pages. Starting an
// authorization spends the signed-in user's grant at the provider (the provider may skip consent),
// so a page on another site must not be able to start one by navigating or posting a form there.
//   - Where the browser sends Sec-Fetch-Site (a header pages cannot set), it must be same-origin:
//     "same-site" would let a sibling subdomain in, and a redirect chain through another site
//     makes it cross-site. Origin may then be "null": a page whose referrer policy is no-referrer
//     sends that even to itself.
//   - Otherwise (older browsers) Origin must be exactly LATCHKEY_URL's origin; a request without
//     one is refused (browsers send it on every POST; code without a browser uses the API).

export type StartOriginProblem = "cross-site" | "no-origin";

const originOf = (url: string) => {
  try {
    return new URL(url).origin.toLowerCase();
  } catch {
    return undefined;
  }
};

/** Why the request may not start CONNECT, or null when it comes from Latchkey's own page. */
export function startOriginProblem(headers: Headers, baseUrl: string): StartOriginProblem | null {
  const expected = originOf(baseUrl);
  if (!expected) return "cross-site";
  const fetchSite = headers.get("sec-fetch-site");
  const origin = headers.get("origin");
  const opaque = origin === null || origin === "" || origin === "null";
  if (fetchSite !== null) {
    if (fetchSite !== "same-origin") return "cross-site";
    return opaque || origin.toLowerCase() === expected ? null : "cross-site";
  }
  if (opaque) return "no-origin";
  return origin.toLowerCase() === expected ? null : "cross-site";
}
