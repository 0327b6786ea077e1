import { describe, expect, it } from "vitest";
import { takeRuntimeRequest } from "./rate-limit";

describe("takeRuntimeRequest", () => {
  it("allows a burst of the per-minute limit, then refuses with a wait, then refills", () => {
    const key = `key-${Math.random()}`;
    const t0 = 1_000_000;
    for (let i = 0; i < 60; i++) expect(takeRuntimeRequest(key, t0, 60).allowed).toBe(true);
    const refused = takeRuntimeRequest(key, t0, 60);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(takeRuntimeRequest(key, t0 + 1000, 60).allowed).toBe(true);
    expect(takeRuntimeRequest(key, t0 + 1000, 60).allowed).toBe(false);
    // Another key has its own bucket.
    expect(takeRuntimeRequest(`${key}-other`, t0, 60).allowed).toBe(true);
  });
});
