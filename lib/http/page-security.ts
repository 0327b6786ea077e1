import { env } from "@/lib/env";
import {
  applySecurityHeaders,
  createNonce,
  pageContentSecurityPolicy,
  withNonceRequestHeaders,
} from "./security-headers";

const NONE = "frame-ancestors 'none'";

/** One page request's nonce and headers, for the proxy: the request side before rendering, the response side after. */
export function pageSecurity() {
  const nonce = createNonce();
  const policy = (frameAncestors: string) =>
    pageContentSecurityPolicy({
      nonce,
      frameAncestors,
      https: env.baseUrl.startsWith("https://"),
      development: env.NODE_ENV === "development",
    });
  return {
    /** Adds the nonce and the policy to the headers the page renders with. */
    requestHeaders: (headers: Headers) => withNonceRequestHeaders(headers, nonce, policy(NONE)),
    /** Sets the response's headers; `frameAncestors` only on embedded screens, from the session's origins. */
    finish: <R extends { headers: Headers }>(
      response: R,
      o: { frameAncestors?: string; sameOriginReferrer?: boolean } = {},
    ): R => {
      applySecurityHeaders(response.headers, {
        policy: policy(o.frameAncestors ?? NONE),
        embedded: o.frameAncestors !== undefined,
        hsts: env.isProduction,
        sameOriginReferrer: o.sameOriginReferrer,
      });
      return response;
    },
  };
}
