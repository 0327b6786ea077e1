import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, retryDelayMs } from "./backoff";

describe("the webhook retry schedule", () => {
  it("waits 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h, 12 h, then gives up", () => {
    const middle = () => 0.5;
    const waits = Array.from({ length: MAX_ATTEMPTS }, (_, i) => retryDelayMs(i + 1, 1, middle));
    expect(waits).toEqual([5e3, 30e3, 120e3, 600e3, 1800e3, 3600e3, 10800e3, 21600e3, 43200e3, null]);
  });

  it("spreads each wait by up to a fifth either way, and scales it", () => {
    expect(retryDelayMs(1, 1, () => 0)).toBe(4000);
    expect(retryDelayMs(1, 1, () => 0.999999)).toBe(6000);
    expect(retryDelayMs(2, 0.001, () => 0.5)).toBe(30);
  });
});
