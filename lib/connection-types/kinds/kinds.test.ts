import { describe, expect, it } from "vitest";
import { connectionKinds } from "@/lib/connection-types/names";
import { kindChoices, kindOf, kindOfGrant } from "./index";

const fields = [
  { key: "client_id", label: "Client ID", required: true },
  { key: "token_uri", label: "Token URL", required: true, default: "https://p.example/t" },
  { key: "scopes", label: "Scopes", required: false },
];
const request = () => ({ url: new URL("https://api.example/me"), headers: new Headers() });

describe("kinds", () => {
  it("has one module for every kind name, and each describes itself as plain data", () => {
    for (const name of connectionKinds) expect(kindOf(name).traits.kind).toBe(name);
    expect(JSON.parse(JSON.stringify(kindChoices()))).toEqual(kindChoices());
  });

  it("decides completeness: required fields without a default, and for a code grant an authorization", () => {
    expect(kindOf("fields").completeness(fields, [], false)).toEqual({ complete: false, reason: "Missing Client ID" });
    expect(kindOf("oauth2_client_credentials").completeness(fields, ["client_id"], false).complete).toBe(true);
    expect(kindOf("oauth2").completeness(fields, ["client_id"], false).reason).toMatch(/authorization not completed/);
    expect(kindOf("oauth2").completeness(fields, ["client_id"], true).complete).toBe(true);
  });

  it("says which well-known fields a type of the kind must declare", () => {
    const keys = new Set(["client_id", "token_uri"]);
    expect(
      kindOf("oauth2")
        .definitionIssues(keys, false)
        .map((i) => i.message),
    ).toEqual(["An oauth2 type needs a auth_uri field"]);
    expect(kindOf("oauth2_client_credentials").definitionIssues(keys, false)).toEqual([]);
    expect(kindOf("fields").definitionIssues(keys, true)).toEqual([
      { path: "oauth", message: "Only OAuth kinds take OAuth settings" },
    ]);
  });

  it("applies credentials: nothing by default for fields, the access token as bearer for OAuth kinds", () => {
    const plain = request();
    kindOf("fields").apply(plain, { values: { api_key: "k" } });
    expect([...plain.headers.keys()]).toEqual([]);
    const bearer = request();
    kindOf("oauth2").apply(bearer, { values: {}, accessToken: "at-1" });
    expect(bearer.headers.get("authorization")).toBe("Bearer at-1");
    expect(() => kindOf("oauth2_client_credentials").apply(request(), { values: {} })).toThrow(/press CONNECT/);
  });

  it("renews client credentials by asking again, and a code grant only with its refresh token", () => {
    const connection = {} as Parameters<NonNullable<ReturnType<typeof kindOf>["refresh"]>>[0];
    const scopes = () => ["read"];
    expect(
      kindOfGrant("client_credentials").refresh?.(
        connection,
        { accessToken: "a", tokenType: "bearer", metadata: {} },
        scopes,
      ),
    ).toEqual({
      type: "client_credentials",
      scopes: ["read"],
    });
    const code = kindOfGrant("authorization_code");
    expect(code.refresh?.(connection, { accessToken: "a", tokenType: "bearer", metadata: {} }, scopes)).toBeUndefined();
    expect(
      code.refresh?.(connection, { accessToken: "a", refreshToken: "r", tokenType: "bearer", metadata: {} }, scopes),
    ).toEqual({ type: "refresh_token", refreshToken: "r" });
  });
});
