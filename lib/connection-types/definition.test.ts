import { describe, expect, it } from "vitest";
import { catalogueTypes } from "./catalog/providers";
import { connectionTypeInputSchema, type ConnectionTypeInput } from "./definition";

// The proxy block of a type's definition: what may fill its base URL, and a header that carries the
// access token only where there is one.

const input = (key: string): ConnectionTypeInput => {
  const t = catalogueTypes.find((x) => x.key === key);
  if (!t) throw new Error(`no catalogue type ${key}`);
  return t;
};
const issues = (t: ConnectionTypeInput) => {
  const parsed = connectionTypeInputSchema.safeParse(t);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("a type's proxy", () => {
  it("fills its base URL from fields and kept metadata, the after-CONNECT answer's included", () => {
    expect(issues(input("jira"))).toEqual([]);
    const { postConnect: _dropped, ...oauth } = input("jira").oauth!;
    expect(issues({ ...input("jira"), oauth })).toEqual([
      "proxy.baseUrl: The proxy's base URL names {{cloud_id}}, which is neither a field nor kept token metadata",
    ]);
  });

  it("takes a header that names no field for an OAuth kind, the access token, and refuses it for a fields type", () => {
    expect(issues(input("shopify"))).toEqual([]);
    const kustomer = input("kustomer");
    expect(
      issues({
        ...kustomer,
        proxy: { baseUrl: "https://api.kustomerapp.com/v1", auth: { type: "header", name: "X-Key" } },
      }),
    ).toEqual(["proxy.auth.valueField: Name the field the header carries: a fields type holds no access token"]);
  });
});
