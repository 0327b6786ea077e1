import { describe, expect, it } from "vitest";
import { headerLines, headerText } from "@/components/connection-types/connection-type-input";
import {
  baseUrlRows,
  editedProxy,
  proxyAuthTypeOf,
  readProxySettings,
} from "@/components/connection-types/proxy-input";
import { connectionTypeInputSchema, proxySettingsSchema } from "@/lib/connection-types/definition";

// The type form's Proxy disclosure as the definition's proxy block: what a blank input leaves to the
// schema's default, and what a saved block shows as again.

const reader = (values: Record<string, string>) => (name: string) => values[name] ?? "";

describe("the type form's proxy inputs", () => {
  it("leave the proxy out when no base URL is given", () => {
    expect(readProxySettings(reader({ proxyRetries: "3" }), [], "default")).toBeUndefined();
  });

  it("read a header form carrying a field, limits and timeouts, and show again as they were saved", () => {
    const read = readProxySettings(
      reader({
        proxyBaseUrl: "https://{{subdomain}}.example.com/api",
        proxyAuthName: "X-Api-Key",
        proxyAuthValueField: "api_key",
        proxyRefreshOn: "401, 403",
        proxyRetries: "0",
        proxyConcurrency: "4",
        proxyRateLimit: "120",
        proxyAnswerMs: "5000",
      }),
      [],
      "header",
    );
    const saved = proxySettingsSchema.parse(read);
    expect(saved).toEqual({
      baseUrl: "https://{{subdomain}}.example.com/api",
      auth: { type: "header", name: "X-Api-Key", valueField: "api_key" },
      refreshOn: [401, 403],
      retries: 0,
      concurrency: 4,
      rateLimit: { perMinute: 120 },
      timeouts: { answerMs: 5000, totalMs: 900_000 },
    });
    expect(proxyAuthTypeOf(saved)).toBe("header");
    expect(baseUrlRows(saved)).toEqual([]);
  });

  it("send named base URLs as a map, and a number that is not one as NaN for the server to refuse", () => {
    const rows = [
      { name: "api", url: "https://api.example.com" },
      { name: "content", url: "https://content.example.com" },
    ];
    const read = readProxySettings(reader({ proxyRetries: "two" }), rows, "aws_sigv4");
    expect(read?.baseUrl).toEqual({ api: "https://api.example.com", content: "https://content.example.com" });
    expect(baseUrlRows(proxySettingsSchema.parse({ baseUrl: read?.baseUrl }))).toEqual(rows);
    const refused = proxySettingsSchema.safeParse(read);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.path.join("."))).toContain("retries");
  });
});

describe("an edit of a saved proxy", () => {
  it("keeps the auth properties the form does not show, while the form's own replace the saved ones", () => {
    const saved = proxySettingsSchema.parse({
      baseUrl: "{{base_url}}",
      auth: { type: "header", name: "X-Key", nameField: "header_name", valueField: "api_key", prefix: "Key " },
    });
    const read = readProxySettings(
      reader({ proxyBaseUrl: "{{base_url}}", proxyAuthName: "X-Other", proxyAuthValueField: "api_key" }),
      [],
      "header",
    );
    expect(editedProxy(saved, read)?.auth).toEqual({
      type: "header",
      name: "X-Other",
      nameField: "header_name",
      valueField: "api_key",
      prefix: undefined,
    });
    expect(editedProxy(saved, readProxySettings(reader({ proxyBaseUrl: "x" }), [], "none"))?.auth).toEqual({
      type: "none",
    });
  });
});

describe("a proxy base URL placeholder", () => {
  it("naming a secret field is refused at the base URL it is in", () => {
    const parsed = connectionTypeInputSchema.safeParse({
      key: "leaky",
      label: "Leaky",
      kind: "fields",
      fields: [{ key: "api_key", label: "API key", type: "password", required: true }],
      proxy: { baseUrl: { api: "https://api.example.com/{{api_key}}" } },
    });
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      [
        "proxy.baseUrl.api",
        "The proxy's base URL names {{api_key}}, a secret field: a URL is logged and shown, a secret is not",
      ],
    ]);
  });
});

describe("the after-CONNECT headers input", () => {
  it("reads Name: value lines, a value with colons included, and writes them back the same", () => {
    const text = "X-Tenant: {{subdomain}}\nX-Trace: a:b";
    const headers = headerLines(`${text}\n\n`);
    expect(headers).toEqual([
      { name: "X-Tenant", value: "{{subdomain}}" },
      { name: "X-Trace", value: "a:b" },
    ]);
    expect(headerText(headers)).toBe(text);
  });
});
