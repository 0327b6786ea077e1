import { expect, test, type APIRequestContext } from "@playwright/test";
import { API_KEY } from "./support/env";
import { unique } from "./support/sign-in";

// No response about a credential carries a stored secret: the API's JSON, the pages' HTML and their
// React Server Component payloads (what client-side navigation fetches), for every auth method at
// both levels. The signed-in admin may read everything, so anything that leaked would show here.

const api = (request: APIRequestContext) => ({
  async post(path: string, body: unknown) {
    const response = await request.post(`/api/v1${path}`, {
      headers: { authorization: `Bearer ${API_KEY}` },
      data: body,
    });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as { id: string };
  },
  async get(path: string) {
    const response = await request.get(`/api/v1${path}`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(response.status()).toBe(200);
    return response.text();
  },
});

function secretValues(id: string) {
  const s = (name: string) => `lk-secret-${name}-${id}`;
  return {
    api_key_secret: { api_key: s("a1"), api_secret: s("a2") },
    basic: { username: "e2e-user", password: s("b1") },
    private_key: {
      username: "deploy",
      private_key: `-----BEGIN OPENSSH PRIVATE KEY-----\n${s("p1")}\n-----END OPENSSH PRIVATE KEY-----`,
    },
    api_key: { api_key: s("k1") },
    oauth2: {
      client_id: "client",
      client_secret: s("o1"),
      scopes: "read",
      auth_uri: "https://auth.example.com/authorize",
      token_uri: "https://auth.example.com/token",
    },
    oauth2_client_credentials: {
      client_id: "client",
      client_secret: s("c1"),
      scopes: "read",
      token_uri: "https://auth.example.com/token",
    },
  } as const;
}

test("no API response, page HTML or RSC payload contains a stored secret", async ({ page }) => {
  const id = unique();
  const v1 = api(page.request);
  const customer = await v1.post("/customers", { name: `Secrets Customer ${id}` });
  const values = secretValues(id);
  const secrets = [
    ...Object.values(values).flatMap((v) => Object.values(v).filter((x) => x.includes("lk-secret-"))),
    `lk-secret-header-${id}`,
  ];

  const ids: string[] = [];
  for (const [authMethod, fieldValues] of Object.entries(values)) {
    const headers =
      authMethod === "oauth2" ? [{ name: "X-Tenant", value: `lk-secret-header-${id}`, on: "both" }] : undefined;
    for (const customerId of [undefined, customer.id]) {
      const created = await v1.post("/credentials", {
        label: `Secrets ${authMethod} ${id}`,
        authMethod,
        customerId,
        values: fieldValues,
        headers,
      });
      ids.push(created.id);
    }
  }

  const bodies: { what: string; text: string }[] = [];
  bodies.push({ what: "GET /api/v1/credentials", text: await v1.get(`/credentials?label=${id}&limit=50`) });
  for (const credentialId of ids)
    bodies.push({
      what: `GET /api/v1/credentials/${credentialId}`,
      text: await v1.get(`/credentials/${credentialId}`),
    });

  const pages = [
    "/credentials",
    `/credentials?label=${id}`,
    "/settings/credentials",
    `/customers/${customer.id}?tab=credentials`,
  ];
  for (const credentialId of ids)
    pages.push(
      `/credentials/${credentialId}`,
      `/credentials/${credentialId}?tab=values`,
      `/credentials/${credentialId}?tab=authorization`,
    );
  for (const path of pages) {
    const html = await page.request.get(path);
    expect(html.status(), path).toBe(200);
    const text = await html.text();
    // Signed in (the shell is there), so the page really rendered what a user would see.
    expect(text, path).toContain('data-testid="organization-name"');
    bodies.push({ what: `HTML ${path}`, text });
    const rsc = await page.request.get(path, { headers: { RSC: "1" } });
    expect(rsc.headers()["content-type"], path).toContain("text/x-component");
    bodies.push({ what: `RSC ${path}`, text: await rsc.text() });
  }

  // The pages did show these credentials (so the check below is about real content).
  expect(bodies.find((b) => b.what === "HTML /settings/credentials")?.text).toContain(`Secrets api_key ${id}`);
  for (const { what, text } of bodies) {
    for (const secret of secrets) expect(text.includes(secret), `${what} contains ${secret}`).toBe(false);
  }
});
