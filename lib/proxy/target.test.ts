import { describe, expect, it } from "vitest";
import { placeholderValues, proxyTarget } from "./target";

// The raw paths a caller can send (a server hands the route the path as it came, before any URL
// parser has normalised it): everything that would leave the base URL is refused with its reason.

const proxy = { baseUrl: "https://{{sub}}.api.example/v2" };
const values = { sub: "eu" };
const target = (path: string, search = "") => proxyTarget(proxy, values, path, search).href;

describe("proxyTarget", () => {
  it("puts the path and query below the base URL, keeping the caller's encoding", () => {
    expect(target("files/a%2Fb", "?q=1")).toBe("https://eu.api.example/v2/files/a%2Fb?q=1");
    // No path: the base URL itself (an MCP server is its URL, nothing after it).
    expect(target("")).toBe("https://eu.api.example/v2");
  });

  it.each([
    ["..", /climbs/],
    ["a/../../b", /climbs/],
    ["a/./b", /climbs/],
    ["%2e%2e/x", /climbs/],
    ["a/%2E%2e%2Fb", /climbs/],
    ["a/..%2f..%2fb", /climbs/],
    ["/evil.example/x", /another host/],
    ["%2F%2Fevil.example", /another host/],
    ["https://evil.example/x", /absolute URL/],
    ["javascript:alert(1)", /absolute URL/],
    ["a\\..\\b", /backslash/],
    ["a%5cb", /backslash/],
    ["a%00b", /control/],
    ["%ff", /percent-encoding/],
  ])("refuses %s", (path, why) => expect(() => target(path)).toThrow(why));

  it("fills a leading placeholder as the origin and encodes the others", () => {
    const t = proxyTarget(
      { baseUrl: "{{instance_url}}/services/data/v59.0" },
      { instance_url: "https://na1.sf.example/" },
      "query",
      "",
    );
    expect(t.href).toBe("https://na1.sf.example/services/data/v59.0/query");
    const u = proxyTarget({ baseUrl: "https://q.example/v3/company/{{realmId}}" }, { realmId: "12/34" }, "items", "");
    expect(u.href).toBe("https://q.example/v3/company/12%2F34/items");
    expect(() => proxyTarget({ baseUrl: "https://q.example/{{realmId}}" }, {}, "x", "")).toThrow(/Set realmId first/);
  });
});

describe("placeholder values", () => {
  it("takes kept strings and numbers, the connection's values over them, and no other shape", () => {
    const values = placeholderValues(
      { account_id: 4001, cloud_id: "c-1", subdomain: "kept", nested: { id: 1 }, flag: true },
      { subdomain: "acme" },
    );
    expect(values).toEqual({ account_id: "4001", cloud_id: "c-1", subdomain: "acme" });
    expect(proxyTarget({ baseUrl: "https://3.basecampapi.com/{{account_id}}" }, values, "projects.json", "").href).toBe(
      "https://3.basecampapi.com/4001/projects.json",
    );
  });
});

describe("a base URL with a query", () => {
  it("keeps its query ahead of the caller's, its placeholders encoded", () => {
    const trello = { baseUrl: "https://api.trello.com/1?key={{api_key}}" };
    expect(proxyTarget(trello, { api_key: "k&1" }, "members/me", "?fields=id").href).toBe(
      "https://api.trello.com/1/members/me?key=k%261&fields=id",
    );
    expect(proxyTarget(trello, { api_key: "k1" }, "", "").href).toBe("https://api.trello.com/1?key=k1");
  });
});
