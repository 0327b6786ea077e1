import { describe, expect, it } from "vitest";
import { fillTemplate } from "./test-connection";

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
});
