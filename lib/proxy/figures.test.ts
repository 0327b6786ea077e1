import { describe, expect, it } from "vitest";
import { countProxyCall, proxyFigures } from "./figures";

describe("proxy figures", () => {
  it("counts calls and errors of the last hour, with the last error and p50/p99 latency", () => {
    const id = `cred-${Math.random()}`;
    const t0 = 10_000_000;
    countProxyCall(id, 500, "old failure", t0 - 2 * 60 * 60_000);
    for (let ms = 1; ms <= 100; ms++) countProxyCall(id, ms, ms === 100 ? "502 from the API" : undefined, t0);
    const figures = proxyFigures(id, t0 + 1);
    expect(figures).toMatchObject({ calls: 100, errors: 1, p50Ms: 50, p99Ms: 99 });
    expect(figures.lastError?.message).toBe("502 from the API");
    expect(proxyFigures(`${id}-other`, t0)).toEqual({ calls: 0, errors: 0, lastError: null, p50Ms: null, p99Ms: null });
  });
});
