import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isReadablePath, unreadablePathResponse } from "./path";

describe("unreadable paths", () => {
  it.each(["/components/%ff", "/api/v1/connection-types/%ff", "/a/%00", "/a/%e2%82"])("refuses %s", (path) =>
    expect(isReadablePath(path)).toBe(false),
  );
  it.each(["/", "/components/acme_api", "/api/v1/connection-types/caf%C3%A9", "/a%20b"])("accepts %s", (path) =>
    expect(isReadablePath(path)).toBe(true),
  );
  it("answers the API in its JSON shape and pages with HTML", async () => {
    const api = unreadablePathResponse("/api/v1/connection-types/%ff")!;
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({ error: { code: "invalid_request" } });
    const page = unreadablePathResponse("/components/%ff")!;
    expect(page.status).toBe(400);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(unreadablePathResponse("/components/ok")).toBeNull();
  });
});

// proxy.ts sends to the middleware only those proxy paths that Next could not decode (its body is
// never buffered otherwise): its matcher entry, as Next compiles it, against decodeURIComponent.
describe("the proxy route's entry in the middleware matcher", async () => {
  const { getMiddlewareMatchers } = (await import("next/dist/build/analysis/get-page-static-info.js")) as unknown as {
    getMiddlewareMatchers: (matchers: string[], config: object) => { regexp: string }[];
  };
  const text = readFileSync(path.join(process.cwd(), "proxy.ts"), "utf8");
  const source = /"(\/api\/v1\/instances\/\(\(\?!.*)",/.exec(text)?.[1];
  const matcher = new RegExp(getMiddlewareMatchers([source!], {})[0]!.regexp);
  const decodes = (p: string) => {
    try {
      decodeURIComponent(p);
      return true;
    } catch {
      return false;
    }
  };
  const base = "/api/v1/instances/i1/connections/k/proxy";

  it.each(["/%ff", "/a%2", "/%", "/x/%e2%82", "/%ed%a0%80", "/%c0%af", "/%F4%90%80%80"])("takes %s", (p) => {
    expect(decodes(base + p)).toBe(false);
    expect(matcher.test(base + p)).toBe(true);
  });
  it.each(["", "/", "/ok", "/%C3%A9", "/%e2%82%ac", "/%f0%9f%98%80", "/a%20b", "/%7e", "/%f4%8f%bf%bf"])(
    "leaves %s to stream",
    (p) => {
      expect(matcher.test(base + p)).toBe(false);
      expect(matcher.test(decodeURIComponent(base + p))).toBe(false);
    },
  );
  it("agrees with decodeURIComponent on random escapes", () => {
    const hex = "0123456789abcdefABCDEF";
    // A fixed-seed generator: the same 20,000 paths each run.
    let seed = 16;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 20_000; i++) {
      let s = "/";
      for (let j = 0; j < 1 + (i % 5); j++) {
        const r = random();
        if (r < 0.15) s += "a";
        else if (r < 0.2) s += "%";
        else if (r < 0.25) s += `%${hex[Math.floor(random() * 22)]}`;
        else
          s += `%${Math.floor(random() * 256)
            .toString(16)
            .padStart(2, "0")}`;
      }
      expect(matcher.test(base + s), s).toBe(!decodes(base + s));
    }
  });
});
