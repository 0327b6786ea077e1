import { describe, expect, it } from "vitest";
import { own } from "./own";

describe("own", () => {
  const record: Record<string, string> = JSON.parse('{"__proto__":"p","api_key":"k","constructor":"c"}');

  it.each(["toString", "hasOwnProperty", "valueOf", "isPrototypeOf"])(
    "finds nothing under %s on an object that does not have it",
    (key) => {
      expect(own({ api_key: "k" }, key)).toBeUndefined();
    },
  );

  it("finds a user's own constructor and __proto__ keys, not Object.prototype's", () => {
    expect(own(record, "constructor")).toBe("c");
    expect(own(record, "__proto__")).toBe("p");
    expect(own({}, "constructor")).toBeUndefined();
    expect(own({}, "__proto__")).toBeUndefined();
    expect(own(record, "api_key")).toBe("k");
  });

  it("takes a missing record", () => {
    expect(own(undefined, "constructor")).toBeUndefined();
    expect(own(null, "toString")).toBeUndefined();
  });
});
