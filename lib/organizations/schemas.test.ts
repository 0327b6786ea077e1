import { describe, expect, it } from "vitest";
import { zodFields } from "@/lib/api/errors";
import { embeddingOriginsSchema, originLinesSchema } from "./schemas";

describe("origins typed one per line", () => {
  it("keeps origins, drops blank lines and duplicates, and normalizes a trailing slash", () => {
    expect(originLinesSchema.parse("https://a.example\n\n  http://127.0.0.1:3391/ \r\nhttps://a.example")).toEqual([
      "https://a.example",
      "http://127.0.0.1:3391",
    ]);
    expect(originLinesSchema.parse("")).toEqual([]);
  });

  it("names the line that is not an origin, at the form's field", () => {
    const result = embeddingOriginsSchema.safeParse({
      allowedFrameOrigins: "https://ok.example\nhttps://partner.example/app\njavascript:alert(1)",
    });
    expect(result.success).toBe(false);
    const fields = zodFields(result.error!);
    expect(fields.allowedFrameOrigins).toMatch(/^Line 2 \(https:\/\/partner\.example\/app\): .*no path/);
    expect(result.error!.issues.map((i) => i.message).join("\n")).toMatch(/Line 3/);
  });

  it("saves one list without the other, but not neither", () => {
    expect(embeddingOriginsSchema.parse({ allowedRedirectOrigins: "https://r.example" })).toEqual({
      allowedRedirectOrigins: ["https://r.example"],
    });
    expect(embeddingOriginsSchema.safeParse({}).success).toBe(false);
  });
});
