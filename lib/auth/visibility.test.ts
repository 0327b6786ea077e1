import { describe, expect, it } from "vitest";
import { baseUrlFieldsOf, configurerFor, mayTouchField, refusedFields, secretUrlWarning } from "./visibility";

describe("field visibility", () => {
  it("the organization touches every field; customers only customer ones; the partner customer and embedded ones", () => {
    expect(["customer", "embedded", "hidden"].map((v) => mayTouchField("organization", v as "hidden"))).toEqual([
      true,
      true,
      true,
    ]);
    expect(["customer", "embedded", "hidden"].map((v) => mayTouchField("customer", v as "hidden"))).toEqual([
      true,
      false,
      false,
    ]);
    expect(["customer", "embedded", "hidden"].map((v) => mayTouchField("embedded", v as "hidden"))).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("a customer's scope never acts as the organization, whatever the entry point asks", () => {
    expect(configurerFor({ organizationId: "o", customerId: "c" }, "organization")).toBe("customer");
    expect(configurerFor({ organizationId: "o", customerId: "c" }, "embedded")).toBe("embedded");
    expect(configurerFor({ organizationId: "o" })).toBe("organization");
  });

  it("names each refused field, blank or not", () => {
    const vis = (k: string) => (k === "token_uri" ? "hidden" : "customer") as "hidden" | "customer";
    expect(refusedFields("customer", ["account", "token_uri"], vis)).toEqual({
      "values.token_uri": "This field is set by the organization",
    });
    expect(refusedFields("organization", ["token_uri"], vis)).toEqual({});
  });

  it("warns when a URL that receives secrets is made visible, and not when it is hidden", () => {
    expect(secretUrlWarning({ key: "token_uri", type: "url" }, "customer", new Set())).toMatch(
      /Customer users can set this URL.*client secret/,
    );
    expect(secretUrlWarning({ key: "revoke_uri", type: "url" }, "embedded", new Set())).toMatch(/embedding partner/);
    expect(secretUrlWarning({ key: "token_uri", type: "url" }, "hidden", new Set())).toBeNull();
    expect(
      secretUrlWarning(
        { key: "base_url", type: "url" },
        "customer",
        baseUrlFieldsOf({ test: { url: "{{base_url}}/me" } }),
      ),
    ).toMatch(/test request/);
    expect(secretUrlWarning({ key: "homepage", type: "url" }, "customer", new Set())).toBeNull();
  });
});
