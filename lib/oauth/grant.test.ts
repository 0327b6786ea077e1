import { describe, expect, it } from "vitest";
import { oauthSettingsSchema } from "@/lib/connection-types/definition";
import { grantedTokens, type TokenAnswer } from "./grant";

// The one rule for what a token answer means: expiry from the clock read before the request,
// scopes as granted (commas read as spaces) or as asked, a refresh token kept when none is sent.

const connection = { settings: oauthSettingsSchema.parse({ keepTokenFields: ["instance_url"] }) };
const settings = { defaultExpiresInSeconds: 3600, windowMs: 600_000 };
const requestedAt = new Date("2026-01-01T00:00:00Z");
const answer = (result: Partial<TokenAnswer["result"]>, raw: Record<string, unknown> = {}): TokenAnswer => ({
  result: { access_token: "at-2", token_type: "bearer", ...result },
  raw,
});

describe("granted tokens", () => {
  it("counts expiry from before the request and reads comma separated scopes", () => {
    const g = grantedTokens(connection, answer({ expires_in: 300, scope: "a,b c" }), {
      grantType: "authorization_code",
      requestedAt,
      scopesIfSilent: ["x"],
      settings,
    });
    expect(g.expiresAt).toEqual(new Date(requestedAt.getTime() + 300_000));
    expect(g.grantedScopes).toEqual(["a", "b", "c"]);
    expect(g.nextRefreshAt).toBeNull();
  });

  it("takes the scopes asked for when the answer is silent, and gives client credentials a default lifetime", () => {
    const g = grantedTokens(connection, answer({}), {
      grantType: "client_credentials",
      requestedAt,
      scopesIfSilent: ["read"],
      settings,
    });
    expect(g.grantedScopes).toEqual(["read"]);
    expect(g.expiresAt).toEqual(new Date(requestedAt.getTime() + 3_600_000));
    expect(g.nextRefreshAt).not.toBeNull();
  });

  it("on a refresh keeps the held refresh token and metadata when the provider does not rotate", () => {
    const current = { accessToken: "at-1", refreshToken: "rt-1", tokenType: "bearer", metadata: { realmId: "9" } };
    const kept = grantedTokens(connection, answer({ expires_in: 60 }, { instance_url: "https://i.example" }), {
      grantType: "authorization_code",
      requestedAt,
      scopesIfSilent: ["read"],
      current,
      settings,
    });
    expect(kept.tokens).toMatchObject({ accessToken: "at-2", refreshToken: "rt-1" });
    expect(kept.tokens.metadata).toEqual({ realmId: "9", instance_url: "https://i.example" });
    expect(kept.rotated).toBe(false);
    const rotated = grantedTokens(connection, answer({ refresh_token: "rt-2" }), {
      grantType: "authorization_code",
      requestedAt,
      scopesIfSilent: [],
      current,
      settings,
    });
    expect(rotated.tokens.refreshToken).toBe("rt-2");
    expect(rotated.rotated).toBe(true);
  });
});
