import { describe, expect, it } from "vitest";
import { builtInConnectionTypes } from "./catalog/built-in";
import { categoryOf, searchCatalogue } from "./catalogue-search";

describe("catalogue search", () => {
  it("finds a type by its name, key or category, a category narrowing the list", () => {
    expect(searchCatalogue(builtInConnectionTypes, { q: "zendesk" }).map((t) => t.key)).toEqual(["zendesk"]);
    expect(searchCatalogue(builtInConnectionTypes, { q: "ZENDÉSK" })[0]?.key).toBe("zendesk");
    expect(searchCatalogue(builtInConnectionTypes, { q: "google", category: "data" }).map((t) => t.key)).toEqual([
      "bigquery",
    ]);
    const support = searchCatalogue(builtInConnectionTypes, { category: "support" });
    expect(support.length).toBeGreaterThanOrEqual(5);
    expect(support.every((t) => t.category === "support")).toBe(true);
    expect(searchCatalogue(builtInConnectionTypes, { q: "no such provider anywhere" })).toEqual([]);
  });

  it("ignores a category that does not exist", () => {
    expect(categoryOf("crm")).toBe("crm");
    expect(categoryOf("__proto__")).toBeUndefined();
    expect(searchCatalogue(builtInConnectionTypes, { category: "nope" })).toHaveLength(builtInConnectionTypes.length);
  });
});
