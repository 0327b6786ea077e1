import { describe, expect, it } from "vitest";
import { startOriginProblem } from "./start-origin";

const base = "https://latchkey.example";
const h = (o: Record<string, string>) => new Headers(o);

describe("startOriginProblem", () => {
  it("accepts a POST from Latchkey's own origin, with or without Sec-Fetch-Site", () => {
    expect(startOriginProblem(h({ origin: base, "sec-fetch-site": "same-origin" }), base)).toBeNull();
    expect(startOriginProblem(h({ origin: base }), `${base}/`)).toBeNull();
  });

  it("accepts a same-origin POST whose page sends no referrer (Origin: null)", () => {
    expect(startOriginProblem(h({ origin: "null", "sec-fetch-site": "same-origin" }), base)).toBeNull();
  });

  it("refuses another origin, a sibling subdomain, another scheme or port, and an opaque origin", () => {
    for (const origin of [
      "https://evil.example",
      "https://a.latchkey.example",
      "http://latchkey.example",
      "https://latchkey.example:8443",
      "null",
    ]) {
      expect(startOriginProblem(h({ origin }), base)).not.toBeNull();
      expect(startOriginProblem(h({ origin, "sec-fetch-site": "cross-site" }), base)).toBe("cross-site");
    }
  });

  it("refuses whatever the Origin says when the browser reports a cross-site, same-site or user-typed request", () => {
    for (const site of ["cross-site", "same-site", "none"])
      expect(startOriginProblem(h({ origin: base, "sec-fetch-site": site }), base)).toBe("cross-site");
  });

  it("refuses a same-origin claim that names another Origin", () => {
    expect(startOriginProblem(h({ origin: "https://evil.example", "sec-fetch-site": "same-origin" }), base)).toBe(
      "cross-site",
    );
  });

  it("refuses a request with neither Sec-Fetch-Site nor Origin", () => {
    expect(startOriginProblem(h({}), base)).toBe("no-origin");
  });
});
