import { describe, expect, it } from "vitest";
import { connectionCategories } from "@/lib/connection-types/categories";
import { connectionTypeInputSchema } from "@/lib/connection-types/definition";
import { placeholdersOf, templatedEndpoints } from "@/lib/connection-types/templates";
import { builtInConnectionTypes } from "./built-in";
import { catalogueTypes } from "./providers";
import { providerTypes } from "./types/providers";

// The whole catalogue, checked as data: every entry parses through the custom-type schema, every
// template names a declared non-secret field (with a pattern where it is part of an endpoint),
// every URL is https, keys are unique, and every category has its share.

const services = builtInConnectionTypes.filter((t) => t.category !== "generic");

/** The URLs a type holds: endpoint defaults, the test URL, its documentation. */
function urlsOf(t: (typeof builtInConnectionTypes)[number]): { where: string; url: string }[] {
  const urls = t.fields
    .filter((f) => (f.type === "url" || (templatedEndpoints as readonly string[]).includes(f.key)) && f.default)
    .map((f) => ({ where: f.key, url: f.default! }));
  if (t.test) urls.push({ where: "test.url", url: t.test.url });
  if (t.docsUrl) urls.push({ where: "docsUrl", url: t.docsUrl });
  return urls;
}

describe("the catalogue", () => {
  it("has at least 100 services, in every category, with unique keys; the first built-in keys remain", () => {
    const keys = builtInConnectionTypes.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(services.length).toBeGreaterThanOrEqual(100);
    const counts = Object.fromEntries(connectionCategories.map((c) => [c, 0]));
    for (const t of builtInConnectionTypes) counts[t.category ?? "none"] = (counts[t.category ?? "none"] ?? 0) + 1;
    console.log(`catalogue: ${services.length} services`, counts);
    for (const c of connectionCategories) expect(counts[c], c).toBeGreaterThanOrEqual(5);
    expect(counts.none).toBeUndefined();
    for (const key of providerTypes.map((t) => t.key)) expect(keys).toContain(key);
  });

  it("parses every entry through the custom-type schema", () => {
    for (const t of [...providerTypes, ...catalogueTypes]) {
      const parsed = connectionTypeInputSchema.safeParse(t);
      expect(parsed.error?.message, t.key).toBeUndefined();
    }
  });

  it("names only declared, non-secret fields in templates, with a pattern in endpoints", () => {
    for (const t of builtInConnectionTypes) {
      for (const { where, url } of urlsOf(t)) {
        for (const key of placeholdersOf(url)) {
          const field = t.fields.find((f) => f.key === key);
          expect(field, `${t.key} ${where} names {{${key}}}`).toBeDefined();
          expect(field!.secret, `${t.key} ${where}: {{${key}}} is secret`).toBe(false);
          if (where !== "test.url") expect(field!.pattern, `${t.key} ${where}: {{${key}}} has no pattern`).toBeTruthy();
        }
      }
    }
  });

  it("uses https for every URL (a URL that starts with a url field's value is checked when it is entered)", () => {
    for (const t of builtInConnectionTypes) {
      for (const { where, url } of urlsOf(t)) {
        const first = placeholdersOf(url)[0];
        if (first && url.startsWith(`{{${first}}}`)) {
          expect(t.fields.find((f) => f.key === first)?.type, `${t.key} ${where}`).toBe("url");
          continue;
        }
        const filled = new URL(url.replace(/\{\{\s*[a-z0-9_]+\s*\}\}/g, "x"));
        expect(filled.protocol, `${t.key} ${where}: ${url}`).toBe("https:");
      }
    }
  });

  it("tells how to register the app, links the documentation and, for OAuth, sets default endpoints", () => {
    for (const t of services) {
      expect(t.setup?.length, `${t.key} setup`).toBeGreaterThan(0);
      if (t.key !== "sftp") expect(t.docsUrl, `${t.key} docs`).toBeTruthy();
      if (t.kind === "oauth2") expect(t.setup!.join(" "), `${t.key} setup names the callback`).toMatch(/callback URL/);
      // An MCP server's endpoints are found at CONNECT, not declared.
      if (t.kind !== "fields" && t.kind !== "mcp")
        expect(t.fields.find((f) => f.key === "token_uri")?.default, t.key).toBeTruthy();
    }
  });

  it("declares the quirks of the providers that have them", () => {
    const type = (key: string) => builtInConnectionTypes.find((t) => t.key === key)!;
    expect(type("zendesk").fields.find((f) => f.key === "auth_uri")?.default).toBe(
      "https://{{subdomain}}.zendesk.com/oauth/authorizations/new",
    );
    expect(type("shopify").oauth).toMatchObject({ refreshTokenPolicy: "none", scopeSeparator: "," });
    expect(type("notion").oauth).toMatchObject({ tokenRequestFormat: "json", tokenAuthMethod: "client_secret_basic" });
    expect(type("square").oauth).toMatchObject({ expiresAtPath: "expires_at" });
    expect(type("basecamp").oauth).toMatchObject({
      tokenParams: { type: "web_server" },
      refreshParams: { type: "refresh" },
    });
    expect(type("etsy").oauth?.tokenAuthMethod).toBe("none");
    expect(type("xero").oauth?.offlineAccess).toEqual({ scope: "offline_access", params: {} });
    expect(type("jira").oauth?.postConnect?.keep).toEqual({ cloud_id: "0.id", site_url: "0.url" });
    expect(type("xero").oauth?.postConnect?.keep.tenant_id).toBe("0.tenantId");
  });

  // What docs/catalogue-sources.md found wrong against the providers' documentation, kept fixed.
  it("keeps the facts corrected against the providers' documentation", () => {
    const type = (key: string) => builtInConnectionTypes.find((t) => t.key === key)!;
    const endpoint = (key: string, field: string) => type(key).fields.find((f) => f.key === field)?.default;
    expect(type("slack").oauth?.errorPath).toBe("error");
    expect(endpoint("hubspot", "token_uri")).toBe("https://api.hubapi.com/oauth/2026-03/token");
    expect(type("notion").oauth?.refreshTokenPolicy).toBe("rotates");
    expect(type("shopify").test?.url).toBe("https://{{shop}}.myshopify.com/admin/api/2026-10/shop.json");
    // /me needs read:me, which these types do not ask for; accessible resources answer any 3LO token.
    for (const key of ["jira", "confluence", "jira_service_management"])
      expect(type(key).test?.url, key).toBe("https://api.atlassian.com/oauth/token/accessible-resources");
  });
});
