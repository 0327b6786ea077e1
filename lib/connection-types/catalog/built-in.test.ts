import { catalogueTypes } from "./providers";
import { describe, expect, it } from "vitest";
import { builtInConnectionTypes, credentialMethodKeys, findBuiltInConnectionType } from "./built-in";

const generic = new Set<string>(credentialMethodKeys);

const type = (key: string) => {
  const t = findBuiltInConnectionType(key);
  if (!t) throw new Error(`no built-in type ${key}`);
  return t;
};
const fieldDefault = (key: string, field: string) => type(key).fields.find((f) => f.key === field)?.default;

describe("built-in catalogue", () => {
  it("has unique keys and every type the catalogue promises", () => {
    const keys = builtInConnectionTypes.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of [
      "amazon_s3",
      "tableau",
      "dropbox",
      "salesforce",
      "slack",
      "quickbooks",
      "google_drive",
      "hubspot",
      "microsoft_365",
      "sftp",
      "http_basic",
      "http_api_key_header",
      "http_api_key_query",
      "http_bearer",
      "http_oauth2",
      "http_oauth2_client_credentials",
      ...credentialMethodKeys,
    ]) {
      expect(keys).toContain(key);
    }
  });

  it("gives every provider's OAuth endpoints as https defaults, and secrets as secret", () => {
    for (const t of builtInConnectionTypes.filter(
      // Providers only: the generic HTTP types and the six auth methods have no endpoints of their
      // own, and an MCP server's are found at CONNECT.
      (x) => x.kind !== "fields" && x.kind !== "mcp" && !x.key.startsWith("http_") && !generic.has(x.key),
    )) {
      for (const f of t.kind === "oauth2" ? ["auth_uri", "token_uri"] : ["token_uri"])
        expect(fieldDefault(t.key, f), `${t.key} ${f}`).toMatch(/^https:\/\//);
      // A public client (tokenAuthMethod none) has no secret at all.
      if (t.oauth?.tokenAuthMethod !== "none")
        expect(t.fields.find((f) => f.key === "client_secret")?.secret, t.key).toBe(true);
    }
    expect(type("amazon_s3").fields.find((f) => f.key === "secret_access_key")?.secret).toBe(true);
  });

  it("keeps each provider's quirks", () => {
    expect(type("dropbox").oauth?.authorizeParams).toEqual({ token_access_type: "offline" });
    expect(type("google_drive").oauth?.authorizeParams).toEqual({ access_type: "offline", prompt: "consent" });
    expect(fieldDefault("microsoft_365", "scopes")).toContain("offline_access");
    expect(fieldDefault("salesforce", "scopes")).toContain("refresh_token");
    expect(type("salesforce").oauth?.keepTokenFields).toContain("instance_url");
    expect(type("slack").oauth?.scopeSeparator).toBe(",");
    expect(type("quickbooks").oauth?.keepCallbackParams).toContain("realmId");
    expect(fieldDefault("quickbooks", "revoke_uri")).toMatch(/^https:\/\/developer\.api\.intuit\.com\//);
    expect(type("dropbox").fields.find((f) => f.key === "client_id")?.label).toBe("App key");
  });

  it("gives every type that talks HTTP a proxy, OAuth ones presenting the token as bearer", () => {
    // SFTP is not HTTP; Tableau signs in for a session token first, which no proxy auth form does yet.
    // The catalogue's services (issue 17) get theirs next: here, the types the proxy shipped with.
    const withoutProxy = new Set(["sftp", "tableau", ...credentialMethodKeys]);
    const catalogued = new Set(catalogueTypes.map((t) => t.key));
    for (const t of builtInConnectionTypes.filter((x) => !withoutProxy.has(x.key) && !catalogued.has(x.key)))
      expect(t.proxy, `${t.key} has a proxy`).toBeDefined();
    expect(type("salesforce").proxy?.baseUrl).toBe("{{instance_url}}");
    expect(type("quickbooks").proxy?.baseUrl).toMatch(/\{\{realmId\}\}$/);
    expect(type("dropbox").proxy?.baseUrl).toEqual({
      api: "https://api.dropboxapi.com",
      content: "https://content.dropboxapi.com",
    });
    expect(type("amazon_s3").proxy?.auth).toMatchObject({ type: "aws_sigv4", service: "s3", regionField: "region" });
    expect(type("http_api_key_header").proxy).toMatchObject({ baseUrl: "{{base_url}}", auth: { type: "header" } });
  });
});
