import { catalogueTypes } from "./providers";
import { describe, expect, it } from "vitest";
import { proxyBaseUrls } from "@/lib/connection-types/definition";
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
    // Not HTTP: SFTP and the databases.
    const withoutProxy = new Set(["sftp", "postgresql", "mysql", "amazon_redshift", ...credentialMethodKeys]);
    const catalogued = new Set(catalogueTypes.map((t) => t.key));
    expect(catalogued.size).toBeGreaterThan(100);
    for (const t of builtInConnectionTypes.filter((x) => !withoutProxy.has(x.key))) {
      expect(t.proxy, `${t.key} has a proxy`).toBeDefined();
      for (const base of Object.values(proxyBaseUrls(t.proxy!)))
        expect(base, `${t.key}'s base URL is https or starts from a field`).toMatch(/^(https:\/\/|\{\{)/);
      // An OAuth kind presents its access token: as a bearer, or in a header that names no field.
      if (t.kind !== "fields" && t.proxy?.auth)
        expect(t.proxy.auth, t.key).toSatisfy(
          (a: { type: string; valueField?: string }) => a.type === "bearer" || (a.type === "header" && !a.valueField),
        );
    }
    expect(type("salesforce").proxy?.baseUrl).toBe("{{instance_url}}");
    expect(type("quickbooks").proxy?.baseUrl).toMatch(/\{\{realmId\}\}$/);
    expect(type("dropbox").proxy?.baseUrl).toEqual({
      api: "https://api.dropboxapi.com",
      content: "https://content.dropboxapi.com",
    });
    expect(type("amazon_s3").proxy?.auth).toMatchObject({ type: "aws_sigv4", service: "s3", regionField: "region" });
    expect(type("http_api_key_header").proxy).toMatchObject({ baseUrl: "{{base_url}}", auth: { type: "header" } });
  });

  it("builds the catalogue's customer-hosted base URLs from fields and kept metadata", () => {
    expect(type("zendesk").proxy?.baseUrl).toBe("https://{{subdomain}}.zendesk.com/api/v2");
    expect(type("servicenow").proxy?.baseUrl).toBe("https://{{instance}}.service-now.com/api");
    // Atlassian's cloud id comes from the after-CONNECT request.
    for (const key of ["jira", "jira_service_management"]) {
      expect(type(key).proxy?.baseUrl).toBe("https://api.atlassian.com/ex/jira/{{cloud_id}}");
      expect(type(key).oauth?.postConnect?.keep).toHaveProperty("cloud_id");
    }
    expect(type("confluence").proxy?.baseUrl).toBe("https://api.atlassian.com/ex/confluence/{{cloud_id}}");
    expect(type("docusign").proxy?.baseUrl).toBe("{{base_uri}}/restapi/v2.1/accounts/{{account_id}}");
    expect(type("docusign").oauth?.postConnect?.keep).toEqual({
      base_uri: "accounts.0.base_uri",
      account_id: "accounts.0.account_id",
    });
    expect(type("mailchimp").proxy?.baseUrl).toBe("{{api_endpoint}}/3.0");
    expect(type("zoho_crm").proxy?.baseUrl).toBe("{{api_domain}}/crm");
    expect(type("zoho_crm").oauth?.keepTokenFields).toContain("api_domain");
    expect(type("zoho_crm").proxy?.auth).toEqual({ type: "header", name: "Authorization", prefix: "Zoho-oauthtoken " });
    expect(type("dynamics_365").proxy?.baseUrl).toBe("https://{{environment}}/api/data/v9.2");
    expect(type("box").proxy?.baseUrl).toEqual({
      api: "https://api.box.com/2.0",
      upload: "https://upload.box.com/api/2.0",
    });
    // Key types present the key the way their API wants it.
    expect(type("stripe").proxy?.auth).toEqual({ type: "bearer", tokenField: "api_key" });
    expect(type("freshdesk").proxy).toMatchObject({
      baseUrl: "https://{{subdomain}}.freshdesk.com/api/v2",
      auth: { type: "basic", usernameField: "api_key", passwordField: "password" },
    });
    expect(type("postmark").proxy?.auth).toMatchObject({ type: "header", name: "X-Postmark-Server-Token" });
    expect(type("shopify").proxy).toMatchObject({
      baseUrl: "https://{{shop}}.myshopify.com/admin/api",
      auth: { type: "header", name: "X-Shopify-Access-Token" },
    });
    expect(type("amazon_selling_partner").proxy?.auth).toEqual({ type: "header", name: "x-amz-access-token" });
    expect(type("trello").proxy).toMatchObject({
      baseUrl: "https://api.trello.com/1?key={{api_key}}",
      auth: { type: "query", name: "token", valueField: "token" },
    });
    expect(type("twilio").proxy?.baseUrl).toBe("https://api.twilio.com/2010-04-01/Accounts/{{account_sid}}");
  });
});
