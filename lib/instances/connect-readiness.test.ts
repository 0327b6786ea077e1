import { describe, expect, it } from "vitest";
import { connectBlockedReason, missingBeforeConnect } from "./connect-readiness";

const type = {
  fields: [
    { key: "client_id", label: "Client ID", type: "string" as const, required: true, secret: false },
    { key: "client_secret", label: "Client secret", type: "password" as const, required: true, secret: true },
    { key: "token_uri", label: "Token URL", type: "url" as const, required: true, secret: false, default: "https://x" },
    { key: "scopes", label: "Scopes", type: "string" as const, required: false, secret: false },
  ],
};

describe("missingBeforeConnect", () => {
  it("names required fields with no value, default or stored value", () => {
    const variable = {
      fields: { client_id: { visibility: "customer" as const }, client_secret: { visibility: "hidden" as const } },
    };
    expect(missingBeforeConnect(type, variable, []).map((m) => m.key)).toEqual(["client_id", "client_secret"]);
    expect(missingBeforeConnect(type, variable, ["client_id"]).map((m) => m.key)).toEqual(["client_secret"]);
  });

  it("counts the integration's defaults, secret ones included", () => {
    const variable = {
      fields: {
        client_id: { visibility: "hidden" as const, default: "abc" },
        client_secret: { visibility: "hidden" as const, hasSecretDefault: true },
      },
    };
    expect(missingBeforeConnect(type, variable, [])).toEqual([]);
  });
});

describe("connectBlockedReason", () => {
  const missing = [
    { key: "client_id", label: "Client ID", visibility: "customer" as const },
    { key: "client_secret", label: "Client secret", visibility: "hidden" as const },
  ];
  it("tells a customer what to fill in and what the organization must set", () => {
    expect(connectBlockedReason(missing, "customer")).toBe(
      "Fill in and save Client ID first. Waiting for the organization to set Client secret.",
    );
  });
  it("tells the organization every field is its to fill", () => {
    expect(connectBlockedReason(missing, "organization")).toBe("Fill in and save Client ID and Client secret first.");
  });
  it("is null when nothing is missing", () => {
    expect(connectBlockedReason([], "customer")).toBeNull();
  });
});
