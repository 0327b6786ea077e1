import { describe, expect, it } from "vitest";
import { parseRetryAfter, retryDelayMs } from "./backoff";

const policy = { baseMs: 1000, maxMs: 60_000 };

describe("retryDelayMs", () => {
  it("doubles the ceiling per failure, with jitter between half and all of it", () => {
    expect(retryDelayMs(1, null, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, null, policy, () => 1)).toBe(1000);
    expect(retryDelayMs(3, null, policy, () => 1)).toBe(4000);
    expect(retryDelayMs(3, null, policy, () => 0)).toBe(2000);
  });
  it("never exceeds the cap and honours a longer Retry-After", () => {
    expect(retryDelayMs(30, null, policy, () => 1)).toBe(60_000);
    expect(retryDelayMs(1, 20_000, policy, () => 0)).toBe(20_000);
    expect(retryDelayMs(1, 10 * 60_000, policy, () => 0)).toBe(60_000);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("120")).toBe(120_000);
    const now = Date.parse("2026-11-23T10:00:00Z");
    expect(parseRetryAfter("Mon, 23 Nov 2026 10:01:00 GMT", now)).toBe(60_000);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });
});
