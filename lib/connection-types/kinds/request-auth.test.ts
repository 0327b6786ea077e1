import { describe, expect, it } from "vitest";
import { applyAuth } from "./request-auth";

describe("request auth", () => {
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
    // A header that names no field carries the access token.
    const shopify = new Headers();
    applyAuth(
      { type: "header", name: "X-Shopify-Access-Token" },
      new URL("https://x.example"),
      shopify,
      values,
      "access-2",
    );
    expect(shopify.get("x-shopify-access-token")).toBe("access-2");
  });
});
