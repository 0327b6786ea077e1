import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.LATCHKEY_TRUSTED_PROXIES = "10.0.0.0/8";
});

import { requestAddress } from "./request-address";

describe("requestAddress", () => {
  it("reads X-Forwarded-For through the configured proxies, from Headers and from next-auth's plain object", () => {
    expect(requestAddress(new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" }))).toBe("198.51.100.7");
    expect(requestAddress({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.1.1.1" })).toBe("198.51.100.7");
    expect(requestAddress({})).toBe("unknown");
    expect(requestAddress(undefined)).toBe("unknown");
  });

  it("refuses to start with a malformed LATCHKEY_TRUSTED_PROXIES, naming the entry", async () => {
    vi.resetModules();
    process.env.LATCHKEY_TRUSTED_PROXIES = "10.0.0.0/8, proxy.internal";
    await expect(import("@/lib/env")).rejects.toThrow(
      /LATCHKEY_TRUSTED_PROXIES: "proxy.internal" is not an IP address or CIDR range/,
    );
    process.env.LATCHKEY_TRUSTED_PROXIES = "10.0.0.0/8";
  });
});
