import { describe, expect, it } from "vitest";
import { defaultVisibility, fieldsNeedingDefault } from "./default-visibility";

describe("defaultVisibility", () => {
  it("hides an authorization code connection's OAuth app, not its scopes", () => {
    for (const key of ["client_id", "client_secret", "auth_uri", "token_uri", "revoke_uri"])
      expect(defaultVisibility({ authorizes: true }, key), key).toBe("hidden");
    expect(defaultVisibility({ authorizes: true }, "scopes")).toBe("customer");
  });
  it("leaves other kinds' fields to the customer", () => {
    expect(defaultVisibility({ authorizes: false }, "client_id")).toBe("customer");
    expect(defaultVisibility({ authorizes: false }, "client_secret")).toBe("customer");
  });
});

describe("fieldsNeedingDefault", () => {
  const fields = [
    { key: "client_id", label: "Client ID", required: true, default: null },
    { key: "token_uri", label: "Token URL", required: true, default: "https://x.example/token" },
    { key: "account", label: "Account", required: true },
  ];
  it("names required hidden fields without any default", () => {
    const hidden = { visibility: "hidden" as const, hasDefault: false };
    expect(fieldsNeedingDefault(fields, () => hidden).map((f) => f.key)).toEqual(["client_id", "account"]);
  });
  it("is empty once they have one, or when the customer fills them", () => {
    expect(fieldsNeedingDefault(fields, () => ({ visibility: "hidden", hasDefault: true }))).toEqual([]);
    expect(fieldsNeedingDefault(fields, () => ({ visibility: "customer", hasDefault: false }))).toEqual([]);
  });
});
