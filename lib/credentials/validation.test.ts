import { describe, expect, it } from "vitest";
import { findBuiltInConnectionType } from "@/lib/connection-types/catalog/built-in";
import { createCredentialSchema, credentialCompleteness, givenValues, updateCredentialSchema } from "./validation";

// The six auth methods are built-in connection types.
const method = (key: string) => findBuiltInConnectionType(key)!;
const authMethods = {
  basic: method("basic"),
  oauth2: method("oauth2"),
  oauth2_client_credentials: method("oauth2_client_credentials"),
};

const schema = createCredentialSchema({ requireHttps: false });
const strict = createCredentialSchema({ requireHttps: true });

function fieldsOf(result: ReturnType<typeof schema.safeParse>): Record<string, string> {
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("credential input", () => {
  it("accepts each auth method with its own fields", () => {
    const samples: Record<string, Record<string, string>> = {
      api_key_secret: { api_key: "k", api_secret: "s" },
      basic: { username: "u", password: "p" },
      private_key: {
        username: "u",
        private_key: "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----",
      },
      api_key: { api_key: "k" },
      oauth2: {
        client_id: "c",
        client_secret: "s",
        scopes: "a b",
        auth_uri: "https://p.example/a",
        token_uri: "https://p.example/t",
      },
      oauth2_client_credentials: { client_id: "c", client_secret: "s", token_uri: "https://p.example/t" },
    };
    for (const [authMethod, values] of Object.entries(samples)) {
      expect(schema.safeParse({ label: "x", authMethod, values }).success, authMethod).toBe(true);
    }
  });

  it("names each wrong field", () => {
    const fields = fieldsOf(
      schema.safeParse({ label: " ", authMethod: "basic", values: { username: 5, shoe_size: "9" } }),
    );
    expect(fields.label).toMatch(/Enter a name/);
    expect(fields["values.username"]).toMatch(/must be text/);
    expect(fields["values.shoe_size"]).toMatch(/no field "shoe_size"/);
  });

  it("refuses an unknown method and lists the known ones", () => {
    expect(fieldsOf(schema.safeParse({ label: "x", authMethod: "Magic method!" })).authMethod).toMatch(
      /api_key_secret, basic/,
    );
    // A key-shaped name may be a connection type of the organization: the service decides.
    expect(schema.safeParse({ label: "x", authMethod: "acme_api" }).success).toBe(true);
  });

  it("checks private keys, lengths and URLs", () => {
    expect(
      fieldsOf(schema.safeParse({ label: "x", authMethod: "private_key", values: { private_key: "hunter2" } }))[
        "values.private_key"
      ],
    ).toMatch(/PEM or OpenSSH/);
    const long = "-----BEGIN RSA PRIVATE KEY-----\n" + "a".repeat(70 * 1024) + "\n-----END RSA PRIVATE KEY-----";
    expect(
      fieldsOf(schema.safeParse({ label: "x", authMethod: "private_key", values: { private_key: long } }))[
        "values.private_key"
      ],
    ).toMatch(/too long/);
    expect(
      fieldsOf(schema.safeParse({ label: "x", authMethod: "oauth2", values: { token_uri: "not a url" } }))[
        "values.token_uri"
      ],
    ).toMatch(/full URL/);
    expect(
      fieldsOf(strict.safeParse({ label: "x", authMethod: "oauth2", values: { token_uri: "http://p.example/t" } }))[
        "values.token_uri"
      ],
    ).toMatch(/https/);
    expect(
      fieldsOf(schema.safeParse({ label: "x", authMethod: "oauth2", values: { token_uri: "ftp://p.example/t" } }))[
        "values.token_uri"
      ],
    ).toMatch(/https/);
  });

  it("allows custom headers only on OAuth methods, and checks them", () => {
    const header = { name: "X-Api-Version", value: "2", on: "both" };
    expect(schema.safeParse({ label: "x", authMethod: "oauth2", headers: [header] }).success).toBe(true);
    expect(fieldsOf(schema.safeParse({ label: "x", authMethod: "basic", headers: [header] })).headers).toMatch(
      /Only OAuth/,
    );
    expect(
      fieldsOf(
        schema.safeParse({
          label: "x",
          authMethod: "oauth2",
          headers: [{ name: "Bad Name", value: "a\nb", on: "nowhere" }],
        }),
      ),
    ).toMatchObject({
      "headers.0.name": expect.any(String),
      "headers.0.value": expect.stringMatching(/line breaks/),
      "headers.0.on": expect.any(String),
    });
  });

  it("treats blank values as not given", () => {
    expect(givenValues({ a: "", b: "  ", c: "x", d: null })).toEqual({ c: "x" });
  });

  it("keeps the method fixed on update", () => {
    const update = updateCredentialSchema(authMethods.basic, { requireHttps: false });
    expect(update.safeParse({ authMethod: "api_key" }).success).toBe(false);
    expect(update.safeParse({ values: { password: "new" } }).success).toBe(true);
  });
});

describe("completeness", () => {
  it("is incomplete while a required field is missing, and says which", () => {
    expect(credentialCompleteness(authMethods.basic, ["username"], false)).toEqual({
      complete: false,
      reason: "Missing Password",
    });
    expect(credentialCompleteness(authMethods.basic, ["username", "password"], false)).toEqual({
      complete: true,
      reason: null,
    });
  });

  it("needs an authorization for the authorization code method, scopes optional", () => {
    const all = ["client_id", "client_secret", "auth_uri", "token_uri"];
    expect(credentialCompleteness(authMethods.oauth2, all, false).reason).toMatch(/authorization not completed/);
    expect(credentialCompleteness(authMethods.oauth2, all, true).complete).toBe(true);
    expect(
      credentialCompleteness(authMethods.oauth2_client_credentials, ["client_id", "client_secret", "token_uri"], false)
        .complete,
    ).toBe(true);
  });
});
