import { describe, expect, it } from "vitest";
import { applySecurityHeaders, createNonce, pageContentSecurityPolicy } from "./security-headers";

describe("page security headers", () => {
  it("lets scripts run only with the response's nonce, and never in a frame off the embedded surface", () => {
    const nonce = createNonce();
    const policy = pageContentSecurityPolicy({
      nonce,
      frameAncestors: "frame-ancestors 'none'",
      https: true,
      development: false,
    });
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("upgrade-insecure-requests");
    const headers = new Headers();
    applySecurityHeaders(headers, { policy, embedded: false, hsts: true });
    expect(Object.fromEntries(headers)).toMatchObject({
      "content-security-policy": policy,
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
      "strict-transport-security": "max-age=63072000; includeSubDomains",
    });
  });

  it("makes a fresh nonce for each response", () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("frames embedded screens only by the session's origins, and sends HSTS only when asked", () => {
    const policy = pageContentSecurityPolicy({
      nonce: "n",
      frameAncestors: "frame-ancestors https://partner.example",
      https: false,
      development: false,
    });
    const headers = new Headers({ "X-Frame-Options": "DENY" });
    applySecurityHeaders(headers, { policy, embedded: true, hsts: false, sameOriginReferrer: true });
    expect(headers.get("x-frame-options")).toBeNull();
    expect(headers.get("strict-transport-security")).toBeNull();
    expect(headers.get("referrer-policy")).toBe("same-origin");
    expect(headers.get("content-security-policy")).toContain("frame-ancestors https://partner.example");
    expect(policy).not.toContain("upgrade-insecure-requests");
  });
});
