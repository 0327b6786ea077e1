import { describe, expect, it } from "vitest";
import { nextRefreshAt, tokenExpiry } from "./due";
import { redirectUrlProblem, redirectWithParams } from "./redirects";
import { joinScopes, parseScopes, scopeProblem } from "./scopes";

describe("scopes", () => {
  it("splits on spaces and the type's separator, and joins with it", () => {
    expect(parseScopes("a  b,c a", ",")).toEqual(["a", "b", "c"]);
    expect(parseScopes("https://www.googleapis.com/auth/drive.readonly openid")).toEqual([
      "https://www.googleapis.com/auth/drive.readonly",
      "openid",
    ]);
    expect(joinScopes(["a", "b"], ",")).toBe("a,b");
    expect(parseScopes(undefined)).toEqual([]);
  });

  it("refuses control characters", () => {
    for (const bad of ["a\nb", "a\tb", "a\r\nX-Header: 1", "a\u0000", "a\u007f", "a\u0085"])
      expect(scopeProblem(bad), JSON.stringify(bad)).toMatch(/control characters/);
    expect(scopeProblem("files.read offline_access")).toBeNull();
  });
});

describe("custom redirects", () => {
  const allowed = ["https://partner.example", "http://localhost:4000"];
  it("accepts http(s) URLs on an allowed origin only", () => {
    expect(redirectUrlProblem("https://partner.example/done?x=1", allowed)).toBeNull();
    expect(redirectUrlProblem("http://localhost:4000/cb", allowed)).toBeNull();
    expect(redirectUrlProblem("https://partner.example.evil.example/", allowed)).toMatch(
      /not one of the organization's allowed redirect origins/,
    );
    expect(redirectUrlProblem("http://partner.example/", allowed)).toMatch(/allowed redirect origins/);
    expect(redirectUrlProblem("javascript:alert(1)", allowed)).toMatch(/http or https/);
    expect(redirectUrlProblem("/relative", allowed)).toMatch(/full URL/);
    expect(redirectUrlProblem("https://partner.example/", [])).toMatch(/allowed redirect origins/);
  });

  it("adds every parameter, keeping the URL's own query", () => {
    const params = {
      instanceId: "i",
      instanceName: "I & co",
      integrationId: "g",
      integrationName: "G",
      configVarId: "v",
      configVarName: "V",
    };
    const url = new URL(
      redirectWithParams("https://partner.example/done?tab=x", {
        ...params,
        error: "access_denied",
        error_description: "no",
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tab: "x",
      ...params,
      error: "access_denied",
      error_description: "no",
    });
  });
});

describe("refresh due time", () => {
  const now = new Date("2030-01-01T00:00:00Z");
  const at = (ms: number) => new Date(now.getTime() + ms);
  it("is the window before expiry, at most half the lifetime, and at least every three days for refresh tokens", () => {
    expect(
      nextRefreshAt({ now, expiresAt: at(3600_000), hasRefreshToken: true, grantType: "authorization_code" }),
    ).toEqual(at(3600_000 - 600_000));
    expect(
      nextRefreshAt({
        now,
        expiresAt: at(3600_000),
        hasRefreshToken: true,
        grantType: "authorization_code",
        windowMs: 120_000,
      }),
    ).toEqual(at(3600_000 - 120_000));
    expect(
      nextRefreshAt({ now, expiresAt: at(300_000), hasRefreshToken: true, grantType: "authorization_code" }),
    ).toEqual(at(150_000));
    expect(
      nextRefreshAt({ now, expiresAt: at(-5_000), hasRefreshToken: true, grantType: "authorization_code" }),
    ).toEqual(now);
    expect(
      nextRefreshAt({ now, expiresAt: at(30 * 86400_000), hasRefreshToken: true, grantType: "authorization_code" }),
    ).toEqual(at(3 * 86400_000));
    expect(nextRefreshAt({ now, expiresAt: null, hasRefreshToken: true, grantType: "authorization_code" })).toEqual(
      at(3 * 86400_000),
    );
  });

  it("is never without a way to renew, and follows expiry for client credentials", () => {
    expect(
      nextRefreshAt({ now, expiresAt: at(3600_000), hasRefreshToken: false, grantType: "authorization_code" }),
    ).toBeNull();
    expect(nextRefreshAt({ now, expiresAt: null, hasRefreshToken: false, grantType: "client_credentials" })).toBeNull();
    expect(
      nextRefreshAt({ now, expiresAt: at(600_000), hasRefreshToken: false, grantType: "client_credentials" }),
    ).toEqual(at(300_000));
  });
});

describe("token expiry", () => {
  const requestedAt = new Date("2030-01-01T00:00:00Z");
  it("counts expires_in from before the request", () => {
    expect(tokenExpiry({ requestedAt, expiresIn: 300, renewable: true, defaultExpiresInSeconds: 3600 })).toEqual(
      new Date("2030-01-01T00:05:00Z"),
    );
  });
  it("applies the default only to a token that can be renewed", () => {
    expect(tokenExpiry({ requestedAt, expiresIn: undefined, renewable: true, defaultExpiresInSeconds: 3600 })).toEqual(
      new Date("2030-01-01T01:00:00Z"),
    );
    expect(
      tokenExpiry({ requestedAt, expiresIn: undefined, renewable: false, defaultExpiresInSeconds: 3600 }),
    ).toBeNull();
    expect(tokenExpiry({ requestedAt, expiresIn: 0, renewable: true, defaultExpiresInSeconds: 60 })).toEqual(
      new Date("2030-01-01T00:01:00Z"),
    );
  });
});
