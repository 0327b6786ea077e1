import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { frameAncestorsPolicy } from "./surface";
import {
  EMBEDDED_SESSION_SECONDS,
  openEmbeddedSession,
  sealEmbeddedSession,
  sessionCookieHeader,
} from "./session-cookie";
import { parseTheme, themeVariables } from "./theme";

const SECRET = "a-test-secret-of-some-length-0123456789";
const claims = {
  uid: randomUUID(),
  org: randomUUID(),
  cust: randomUUID(),
  fa: ["https://partner.example"],
  th: { accent: "#ff6600" },
};

describe("embedded session cookie", () => {
  it("round-trips, and is opaque", async () => {
    const sealed = await sealEmbeddedSession(claims, SECRET);
    expect(sealed).not.toContain(claims.uid);
    expect(await openEmbeddedSession(sealed, SECRET)).toEqual(claims);
  });

  it("refuses another secret, a tampered value and an expired session", async () => {
    const now = new Date("2030-01-01T00:00:00Z");
    const sealed = await sealEmbeddedSession(claims, SECRET, now);
    expect(await openEmbeddedSession(sealed, "another-secret-entirely-0123456789", now)).toBeNull();
    const parts = sealed.split(".");
    parts[3] = `${parts[3]!.slice(0, -2)}AA`;
    expect(await openEmbeddedSession(parts.join("."), SECRET, now)).toBeNull();
    expect(
      await openEmbeddedSession(sealed, SECRET, new Date(now.getTime() + (EMBEDDED_SESSION_SECONDS + 1) * 1000)),
    ).toBeNull();
    expect(await openEmbeddedSession(undefined, SECRET)).toBeNull();
    expect(await openEmbeddedSession("garbage", SECRET)).toBeNull();
  });

  it("is a partitioned, third-party cookie the page's scripts cannot read", () => {
    const header = sessionCookieHeader("v");
    for (const attribute of ["HttpOnly", "Secure", "SameSite=None", "Partitioned", "Path=/"])
      expect(header).toContain(attribute);
  });
});

describe("frame-ancestors and theme", () => {
  it("lists exactly the allowed origins, or 'none'", () => {
    expect(frameAncestorsPolicy(["https://a.example", "http://127.0.0.1:3400"])).toBe(
      "frame-ancestors https://a.example http://127.0.0.1:3400",
    );
    expect(frameAncestorsPolicy([])).toBe("frame-ancestors 'none'");
    expect(frameAncestorsPolicy(["https://a.example; script-src *", "*"])).toBe("frame-ancestors 'none'");
  });

  it("keeps valid theme values and drops the rest", () => {
    const { theme, rejected } = parseTheme(new URLSearchParams("accent=%23ff6600&radius=8&background=red;}body{x"));
    expect(theme).toEqual({ accent: "#ff6600", radius: 8 });
    expect(rejected).toEqual(["background"]);
    expect(parseTheme(new URLSearchParams("radius=99")).rejected).toEqual(["radius"]);
    expect(themeVariables(theme)).toMatchObject({ "--color-brand-600": "#ff6600", "--radius-md": "8px" });
    expect(themeVariables({ accent: "url(x)" })).toEqual({});
  });
});
