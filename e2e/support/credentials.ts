import { expect, type Page } from "@playwright/test";

// Helpers of the credential specs: a customer, a credential of each auth method through the
// "+ Credential" dialog, and a watch on every response for values that must never come back.

export type HeaderInput = { name: string; value: string; on: "Both requests" | "Authorization" | "Token" };

/** A credential as typed into the dialog: inputs by their label, blank ones left out. */
export type CredentialInput = {
  label: string;
  /** The auth method's option value in the dialog. */
  method: string;
  /** The auth method's name on the screens. */
  methodLabel: string;
  values: Record<string, string>;
  headers?: HeaderInput[];
};

/** Adds a customer through Customers → "+ Customer"; returns its page's path. */
export async function createCustomer(page: Page, name: string): Promise<string> {
  await page.goto("/customers");
  await page.getByRole("button", { name: "+ Customer" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** Fills and saves the "+ Credential" dialog of the current page; returns the new credential's path. */
export async function createCredential(page: Page, c: CredentialInput): Promise<string> {
  await page.getByRole("button", { name: "+ Credential" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(c.label);
  await dialog.getByLabel("Auth method").selectOption(c.method);
  for (const [label, value] of Object.entries(c.values)) await dialog.getByLabel(label, { exact: true }).fill(value);
  for (const [i, h] of (c.headers ?? []).entries()) {
    await dialog.getByRole("button", { name: "+ Header" }).click();
    await dialog.getByLabel(`Header ${i + 1} name`).fill(h.name);
    await dialog.getByLabel(`Header ${i + 1} value`).fill(h.value);
    await dialog.getByLabel(`Header ${i + 1} sent on`).selectOption({ label: h.on });
  }
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/credentials\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: c.label })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** Checks the Summary tab: the auth method and the owner, in the header and in the details. */
export async function expectCredentialPage(page: Page, methodLabel: string, owner: string) {
  await expect(page.getByText(`${methodLabel} · ${owner}`, { exact: true })).toBeVisible();
  const details = page.locator("dl");
  await expect(details.locator("dt:has-text('Auth method') + dd")).toHaveText(methodLabel);
  await expect(details.locator("dt:has-text('Owner') + dd")).toHaveText(owner);
}

/** The red bar at the top of an incomplete credential's page. */
export const incompleteBanner = (page: Page) => page.getByRole("status").filter({ hasText: /^Incomplete:/ });

/** The items of the credential list on the current page. */
export const credentialItems = (page: Page) => page.getByRole("list", { name: "Credentials" }).getByRole("listitem");

/** The item of the credential list whose name is exactly this label. */
export const credentialItem = (page: Page, label: string) =>
  credentialItems(page).filter({ has: page.getByText(label, { exact: true }) });

/** Filters the credential list of the current page through its search form (a GET to the server). */
export async function filterCredentials(page: Page, text: string) {
  await page.getByLabel("Filter credentials by name").fill(text);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]label=${encodeURIComponent(text).replace(/%20/g, "(\\+|%20)")}(&|$)`));
}

/** Six credentials, one per auth method, with values unique to this run and owner ("org" or "cust"). */
export function oneOfEachMethod(id: string, owner: string): CredentialInput[] {
  const v = (name: string) => `${name}-${owner}-${id}-value`;
  const privateKey = [
    "-----BEGIN OPENSSH PRIVATE KEY-----",
    `b3BlbnNzaC1rZXktdjEAAAAABG5vbmU${owner}${id}AAAAEbm9uZQAAAAAAAAAB`,
    `AAAAMwAAAAtzc2gtZWQyNTUxOQAAACB${id}${owner}`,
    "-----END OPENSSH PRIVATE KEY-----",
  ].join("\n");
  const label = (method: string) => `E2E-${id}-${owner} ${method}`;
  return [
    {
      label: label("api_key_secret"),
      method: "api_key_secret",
      methodLabel: "API key and secret",
      values: { "API key": v("access-key"), "API secret": v("secret-key") },
    },
    {
      label: label("basic"),
      method: "basic",
      methodLabel: "Username and password",
      values: { Username: v("user"), Password: v("password") },
    },
    {
      label: label("private_key"),
      method: "private_key",
      methodLabel: "Username and private key",
      values: { Username: v("sftp-user"), "Private key": privateKey },
    },
    { label: label("api_key"), method: "api_key", methodLabel: "API key", values: { "API key": v("token") } },
    {
      label: label("oauth2"),
      method: "oauth2",
      methodLabel: "OAuth 2.0 (authorization code)",
      values: {
        "Client ID": v("client-id"),
        "Client secret": v("client-secret"),
        "Scopes (optional)": v("scope"),
        "Authorization URL": `https://provider.example/oauth/authorize?e2e=${v("auth-uri")}`,
        "Token URL": `https://provider.example/oauth/token?e2e=${v("token-uri")}`,
      },
      headers: [{ name: "X-E2E-Tenant", value: v("header"), on: "Token" }],
    },
    {
      label: label("oauth2_client_credentials"),
      method: "oauth2_client_credentials",
      methodLabel: "OAuth 2.0 (client credentials)",
      values: {
        "Client ID": v("cc-client-id"),
        "Client secret": v("cc-client-secret"),
        "Token URL": `https://provider.example/oauth/token?e2e=${v("cc-token-uri")}`,
      },
    },
  ];
}

/** The six methods' secret fields, by their label: write-only once saved. */
const SECRET_LABELS = new Set(["API key", "API secret", "Password", "Private key", "Client secret"]);

/** Every secret value typed for these credentials (and every header value): none may ever be sent back to the browser. */
export function typedSecrets(credentials: CredentialInput[]): string[] {
  return credentials.flatMap((c) => [
    ...Object.entries(c.values)
      .filter(([label]) => SECRET_LABELS.has(label))
      .flatMap(([, v]) => v.split("\n").filter((line) => !line.startsWith("-----"))),
    ...(c.headers ?? []).map((h) => h.value),
  ]);
}

/** The plain (non-secret) values typed for a credential, by label: the Values tab shows them as stored. */
export function typedPlainValues(c: CredentialInput): [string, string][] {
  return Object.entries(c.values).filter(([label]) => !SECRET_LABELS.has(label));
}

const TEXT_TYPES = /^(text\/|application\/(json|javascript|x-javascript|[a-z.+-]*\+json))/;

/**
 * Records the body of every text response the page receives from now on, so that a test can check
 * that none holds a value. Requests go through page.route and are answered with exactly what the
 * server sent: listening for "response" events alone misses bodies, since Chromium drops a body
 * once the page navigates away, and a prefetch is often still arriving when the next page loads.
 */
export async function watchResponses(page: Page) {
  const bodies: { url: string; type: string; body: string }[] = [];
  // Build output under /_next/static is the same for everyone and never holds a value.
  await page.route(
    (url) => !url.pathname.startsWith("/_next/static/"),
    async (route) => {
      try {
        const response = await route.fetch({ maxRedirects: 0 });
        const type = response.headers()["content-type"] ?? "";
        const body = await response.body();
        if (TEXT_TYPES.test(type)) bodies.push({ url: route.request().url(), type, body: body.toString("utf8") });
        await route.fulfill({ response, body });
      } catch {
        // The page moved on (or the test ended) while a prefetch was still arriving: nothing reached it.
        await route.abort().catch(() => undefined);
      }
    },
  );
  return {
    /** Asserts that no response so far held any of the values, and that there were pages and RSC payloads to look at; returns how many were read. */
    expectNoneContain(values: string[]) {
      expect(bodies.filter((r) => r.type.startsWith("text/html")).length, "HTML documents seen").toBeGreaterThan(0);
      expect(bodies.filter((r) => r.type.startsWith("text/x-component")).length, "RSC payloads seen").toBeGreaterThan(
        0,
      );
      for (const r of bodies)
        for (const value of values) expect(r.body.includes(value), `${r.url} (${r.type}) holds "${value}"`).toBe(false);
      return bodies.length;
    },
  };
}

/** Asserts that the page's current HTML holds none of the values. */
export async function expectPageHoldsNone(page: Page, values: string[]) {
  const html = await page.content();
  for (const value of values) expect(html.includes(value), `the page holds "${value}"`).toBe(false);
}
