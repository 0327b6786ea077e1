import { describe, expect, it } from "vitest";
import { applyAuth, fillTemplate } from "./test-connection";

describe("test request", () => {
  it("fills placeholders: a leading one is the base URL, others are encoded", () => {
    expect(fillTemplate("{{base_url}}/me", { base_url: "https://api.example.com/" })).toBe(
      "https://api.example.com/me",
    );
    expect(fillTemplate("{{test_url}}", { test_url: "https://api.example.com/v1/" })).toBe(
      "https://api.example.com/v1/",
    );
    expect(fillTemplate("https://{{host}}.example.com/u/{{user}}", { host: "eu", user: "a/b c" })).toBe(
      "https://eu.example.com/u/a%2Fb%20c",
    );
    expect(() => fillTemplate("{{test_url}}", {})).toThrow(/Set test_url first/);
  });

  it("applies each way of presenting a credential", () => {
    const values = { u: "alice", p: "s3cret", k: "key-1", n: "X-Custom" };
    const cases = [
      [
        { type: "basic", usernameField: "u", passwordField: "p" },
        "authorization",
        `Basic ${Buffer.from("alice:s3cret").toString("base64")}`,
      ],
      [{ type: "header", name: "X-API-Key", nameField: "n", valueField: "k" }, "x-custom", "key-1"],
      [{ type: "header", name: "X-API-Key", valueField: "k", prefix: "Token " }, "x-api-key", "Token key-1"],
      [{ type: "bearer", tokenField: "k" }, "authorization", "Bearer key-1"],
    ] as const;
    for (const [auth, header, expected] of cases) {
      const headers = new Headers();
      applyAuth(auth, new URL("https://x.example"), headers, values);
      expect(headers.get(header)).toBe(expected);
    }
    const url = new URL("https://x.example/a?b=1");
    applyAuth({ type: "query", name: "api_key", valueField: "k" }, url, new Headers(), values);
    expect(url.search).toBe("?b=1&api_key=key-1");
    const bearer = new Headers();
    applyAuth({ type: "bearer" }, new URL("https://x.example"), bearer, values, "access-1");
    expect(bearer.get("authorization")).toBe("Bearer access-1");
  });
});
