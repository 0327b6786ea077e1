import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Frame,
  type Locator,
  type Page,
} from "@playwright/test";
import { startSandboxProvider, type SandboxProvider } from "../lib/sandbox-provider";
import { startExampleHost, type ExampleHost } from "../scripts/example-host/server";
import { API_KEY, BASE_URL, E2E_PORT } from "./support/env";
import { noSession, unique } from "./support/sign-in";

// Issue 7 in the browser: the example partner page on another site (127.0.0.1, Latchkey on
// localhost) frames Latchkey in a Chromium that blocks third-party cookies; a partner-signed JWT
// opens the session, the customer enables an integration, the partner sets an embedded field by
// postMessage, CONNECT goes through a popup to a real oidc-provider, and the iframe turns green
// without a reload. Messages from other origins are ignored; frame-ancestors is checked.

// Each test makes its own integration and instance (the example host's one customer may have any number of
// instances), so that no test depends on another's outcome. What they share is set up once per worker:
// the peers, and the partner's signing key and frame origin registered through the API.
test.describe.configure({ timeout: 240_000 });

// Ports of this spec's peers, beside this suite's server (E2E_PORT), so that two suites on one machine do not collide.
const HOST_PORT = E2E_PORT + 291;
const ATTACKER_PORT = E2E_PORT + 292;
const PROVIDER_PORT = E2E_PORT + 293;

// Third-party cookies blocked as Chrome does after the phase-out: only partitioned (CHIPS) cookies
// work in a cross-site iframe. The first test proves that the flag is in force.
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      "--test-third-party-cookie-phaseout",
    ],
  },
});

const id = unique();
const client = { clientId: `embed-${id}`, clientSecret: `embed-secret-${id}-value` };
const auth = { authorization: `Bearer ${API_KEY}` };
const customerExternalId = `acme-${id}`;
const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
const publicKeyPem = keys.publicKey.export({ type: "spki", format: "pem" }).toString();
const privateKeyPem = keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
// The key and origin the first test registers through Settings, beside the partner's own.
const settingsKeys = generateKeyPairSync("rsa", { modulusLength: 2048 });
const settingsPublicKeyPem = settingsKeys.publicKey.export({ type: "spki", format: "pem" }).toString();
const settingsPrivateKeyPem = settingsKeys.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const settingsOrigin = `https://partner-${id.toLowerCase().replace(/[^a-z0-9]/g, "")}.example.com`;

let provider: SandboxProvider;
let host: ExampleHost;
let attacker: Server;
const attackerUrl = `http://127.0.0.1:${ATTACKER_PORT}`;

test.beforeAll(async ({ playwright }) => {
  provider = await startSandboxProvider({
    port: PROVIDER_PORT,
    clients: [{ ...client, authMethod: "client_secret_basic", redirectUris: [`${BASE_URL}/api/oauth/callback`] }],
  });
  host = await startExampleHost({
    latchkeyUrl: BASE_URL,
    audience: "demo",
    privateKeyPem,
    port: HOST_PORT,
    customer: { id: customerExternalId, name: `Acme ${id}` },
    accent: "#0f766e",
  });
  // A page on an origin the organization does not allow: it gets hold of the iframe through a window it opens.
  attacker = createServer((_req, res) =>
    res
      .writeHead(200, { "content-type": "text/html" })
      .end("<!doctype html><title>Elsewhere</title><h1>Elsewhere</h1>"),
  );
  await new Promise<void>((resolve) => attacker.listen(ATTACKER_PORT, "127.0.0.1", resolve));

  // The partner as the organization registers it (the first test does the same through Settings).
  const api = await playwright.request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: auth });
  try {
    // A worker that starts again after a failure finds the key already there (409): that is the state wanted.
    const key = await api.post("/api/v1/organization/signing-keys", {
      data: { label: `Example host key ${id}`, publicKeyPem },
    });
    expect([201, 409], await key.text()).toContain(key.status());
    const organization = (await (await api.get("/api/v1/organization")).json()) as { allowedFrameOrigins: string[] };
    if (!organization.allowedFrameOrigins.includes(host.url)) {
      const saved = await api.patch("/api/v1/organization", {
        data: { allowedFrameOrigins: [...organization.allowedFrameOrigins, host.url] },
      });
      expect(saved.status(), await saved.text()).toBe(200);
    }
  } finally {
    await api.dispose();
  }
});

test.afterAll(async () => {
  await host?.close();
  await provider?.close();
  await new Promise((resolve) => attacker?.close(resolve));
});

async function post(request: APIRequestContext, path: string, data: unknown) {
  const response = await request.post(path, { headers: auth, data });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return response.json() as Promise<Record<string, unknown>>;
}

/**
 * An OAuth connection type with an "account_id" field the partner sets, and an integration that hides the client
 * settings; `tag` names this test's own pair. Answers the integration's name.
 */
async function declareIntegration(request: APIRequestContext, tag: string) {
  const typeKey = `embed_${id}_${tag}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  const integrationName = `Embedded files ${id} ${tag}`;
  await post(request, "/api/v1/connection-types", {
    key: typeKey,
    label: `Embedded sandbox ${id} ${tag}`,
    kind: "oauth2",
    fields: [
      { key: "client_id", label: "Client ID", type: "string", required: true, default: client.clientId },
      { key: "client_secret", label: "Client secret", type: "password", required: true },
      {
        key: "auth_uri",
        label: "Authorization URL",
        type: "url",
        required: true,
        default: provider.endpoints.authorization,
      },
      { key: "token_uri", label: "Token URL", type: "url", required: true, default: provider.endpoints.token },
      { key: "scopes", label: "Scopes", type: "string", default: "openid offline_access files.read" },
      { key: "account_id", label: "Partner account id", type: "string", required: true },
    ],
    oauth: { pkce: true, tokenAuthMethod: "client_secret_basic", authorizeParams: { prompt: "consent" } },
  });
  const hidden = { visibility: "hidden" };
  await post(request, "/api/v1/integrations", {
    name: integrationName,
    configVariables: [
      {
        key: "files",
        label: "Partner files",
        connectionType: typeKey,
        fields: {
          client_id: hidden,
          client_secret: { ...hidden, default: client.clientSecret },
          auth_uri: hidden,
          token_uri: hidden,
          account_id: { visibility: "embedded" },
        },
      },
    ],
  });
  return integrationName;
}

/** A partner page in a browser without a Latchkey session: the example host signs its customer in by JWT. */
async function partnerPage(browser: Browser): Promise<{ partner: BrowserContext; page: Page }> {
  const partner = await browser.newContext({ storageState: noSession });
  return { partner, page: await partner.newPage() };
}

/** Enables the integration in the partner page's frame: answers the new instance's id and its wizard frame. */
async function enable(page: Page, integrationName: string): Promise<{ instanceId: string; frame: Frame }> {
  await page.goto(host.url);
  await (await latchkeyFrame(page)).getByRole("button", { name: `Enable ${integrationName}` }).click();
  const frame = await latchkeyFrame(page, /^\/embedded\/instances\//);
  return { instanceId: new URL(frame.url()).pathname.split("/").at(-1)!, frame };
}

/** CONNECT through the popup, at the provider, until the card turns green. */
async function connectInPopup(page: Page, card: Locator, button = "CONNECT") {
  const popupOpened = page.waitForEvent("popup");
  await card.getByRole("button", { name: button, exact: true }).click();
  const popup = await popupOpened;
  await signInAndConsent(popup);
  await expect.poll(() => popup.isClosed(), { message: "the callback page closes its popup" }).toBe(true);
  await expect(card.locator("[data-status]")).toHaveAttribute("data-status", "green");
}

/** This test's own integration, enabled by the partner's customer, with the partner's value set through the API. */
async function enabledInstance(browser: Browser, request: APIRequestContext, tag: string, connect: boolean) {
  const integrationName = await declareIntegration(request, tag);
  const { partner, page } = await partnerPage(browser);
  const { instanceId, frame } = await enable(page, integrationName);
  const saved = await request.put(`/api/v1/instances/${instanceId}/connections/files`, {
    headers: auth,
    data: { values: { account_id: `acct-${id}-${tag}` } },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  if (connect) {
    // The wizard was drawn before the value was saved: drawn again, its CONNECT can start.
    await frame.goto(frame.url());
    await connectInPopup(page, frame.locator('[data-connection="files"]'));
  }
  await page.close();
  return { partner, instanceId, integrationName };
}

/** The provider's own sign-in page (unless it remembers the person), then its consent page. */
async function signInAndConsent(page: Page) {
  await expect(page).toHaveURL(new RegExp(`^${provider.url}/interaction/`));
  const login = page.locator('input[name="login"]');
  const consent = page.getByRole("button", { name: "Continue" });
  // A second CONNECT in the same browser finds the provider's session: consent only.
  await expect(login.or(consent)).toBeVisible();
  if (await login.isVisible()) {
    await login.fill(`partner-user-${id}`);
    await page.locator('input[name="password"]').fill("any password");
    await page.locator('button[type="submit"]').click();
  }
  await consent.click();
}

/** The Latchkey iframe of the partner page, once it shows an embedded screen. */
async function latchkeyFrame(page: Page, path: RegExp = /\/embedded(\/|$)/): Promise<Frame> {
  await expect
    .poll(() => page.frames().some((f) => f.url().startsWith(BASE_URL) && path.test(new URL(f.url()).pathname)))
    .toBe(true);
  return page.frames().find((f) => f.url().startsWith(BASE_URL) && path.test(new URL(f.url()).pathname))!;
}

async function connectionValues(request: APIRequestContext, instanceId: string) {
  const response = await request.get(`/api/v1/instances/${instanceId}/connections/files/values`, { headers: auth });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { values: Record<string, string> };
}

test("Settings → Embedding: a bad PEM and a bad origin are refused at their fields; the partner's key and origin are registered", async ({
  page,
}) => {
  await page.goto("/settings/embedding");
  await expect(page.getByRole("heading", { name: "Signing keys", exact: true })).toBeVisible();
  const form = page.getByRole("form", { name: "Add a public key" });
  await form.getByLabel("Label").fill(`Example host ${id}`);
  await form.getByLabel("Public key (PEM)").fill("ssh-rsa AAAAB3NzaC1yc2E not a pem");
  await form.getByRole("button", { name: "Add key" }).click();
  await expect(form.getByText(/Paste a PEM public key/)).toBeVisible();
  await expect(form.getByLabel("Public key (PEM)")).toHaveAttribute("aria-invalid", "true");
  await form.getByLabel("Public key (PEM)").fill(settingsPrivateKeyPem);
  await form.getByRole("button", { name: "Add key" }).click();
  await expect(form.getByText(/This is a private key/)).toBeVisible();
  await form.getByLabel("Public key (PEM)").fill(settingsPublicKeyPem);
  await form.getByRole("button", { name: "Add key" }).click();
  await expect(page.getByText(`Added Example host ${id} (RS256)`)).toBeVisible();
  await expect(
    page.getByRole("table", { name: "Signing keys" }).getByRole("row", { name: new RegExp(`Example host ${id}`) }),
  ).toContainText("RS256");

  const origins = page.getByRole("form", { name: "Allowed frame origins" });
  const field = origins.getByLabel("Allowed frame origins");
  const before = await field.inputValue();
  await field.fill(`${before}\n${settingsOrigin}/partner/page`);
  await origins.getByRole("button", { name: "Save allowed frame origins" }).click();
  await expect(origins.getByText(/no path/)).toBeVisible();
  await field.fill([...before.split("\n").filter(Boolean), settingsOrigin].join("\n"));
  await origins.getByRole("button", { name: "Save allowed frame origins" }).click();
  await expect(page.getByText("Allowed frame origins saved")).toBeVisible();
  await page.reload();
  await expect(
    page.getByRole("form", { name: "Allowed frame origins" }).getByLabel("Allowed frame origins"),
  ).toHaveValue(new RegExp(settingsOrigin.replace(/\./g, "\\.")));
  await expect(page.getByLabel("Server code")).toContainText('.setAudience("demo")');
});

test("the example host frames Latchkey with third-party cookies blocked: JWT sign-in, enable, set an embedded field by postMessage, CONNECT in a popup, green without a reload", async ({
  browser,
  request,
}) => {
  const integrationName = await declareIntegration(request, "flow");
  const { partner, page } = await partnerPage(browser);
  const embeddedDocument = page.waitForResponse(
    (r) => r.url() === `${BASE_URL}/embedded` && r.request().resourceType() === "document",
  );
  await page.goto(host.url);
  const csp = (await embeddedDocument).headers()["content-security-policy"] ?? "";
  expect(csp).toContain(`frame-ancestors ${host.url}`);
  expect(csp).not.toContain("frame-ancestors 'none'");

  let frame = await latchkeyFrame(page);
  await expect(frame.getByRole("heading", { name: "Integrations" })).toBeVisible();
  await expect(frame.getByTestId("embedded-customer")).toHaveText(`Acme ${id}`);
  await expect(page.getByRole("list", { name: "Events from Latchkey" })).toContainText('"type":"latchkey:ready"');

  // Third-party cookies are blocked in this iframe: a plain SameSite=None cookie is dropped, a partitioned one is kept.
  const jar = await frame.evaluate(() => {
    document.cookie = "probe_plain=1; Path=/; SameSite=None; Secure";
    document.cookie = "probe_partitioned=1; Path=/; SameSite=None; Secure; Partitioned";
    return document.cookie;
  });
  expect(jar).toContain("probe_partitioned=1");
  expect(jar).not.toContain("probe_plain=1");

  // Enable the integration: an instance of this customer, its wizard without the partner's field.
  await frame.getByRole("button", { name: `Enable ${integrationName}` }).click();
  frame = await latchkeyFrame(page, /^\/embedded\/instances\//);
  const instanceId = new URL(frame.url()).pathname.split("/").at(-1)!;
  const card = frame.locator('[data-connection="files"]');
  await expect(card.locator("[data-status]")).toHaveAttribute("data-status", "red");
  await expect(card.getByLabel("Partner account id")).toHaveCount(0);
  await expect(card.getByLabel("Client secret")).toHaveCount(0);

  // The partner's page sets the embedded field through postMessage.
  await page.getByLabel("Instance id").fill(instanceId);
  await page.getByLabel("Connection key").fill("files");
  await page.getByLabel("Field key").fill("account_id");
  await page.getByLabel("Value").fill(`acct-${id}`);
  await page.getByRole("button", { name: "Send latchkey:set-values" }).click();
  const events = page.getByRole("list", { name: "Events from Latchkey" });
  await expect(events).toContainText(
    /"type":"latchkey:set-values-result","requestId":"[^"]+","ok":true,"instanceId":"[^"]+","connection":"files","status":"red"/,
  );
  await expect(card.getByText("Partner account id")).toHaveCount(0);

  // CONNECT opens a popup on the click; the provider's pages there; the popup closes itself.
  await frame.evaluate(() => Object.assign(window, { __sameDocument: true }));
  await connectInPopup(page, card);
  expect(await frame.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await expect(page.getByRole("list", { name: "Events from Latchkey" })).toContainText(
    `{"type":"latchkey:connection-changed","instanceId":"${instanceId}","connection":"files","status":"green"}`,
  );

  // The runtime API hands the integration code the partner's value and a token.
  const { values } = await connectionValues(request, instanceId);
  expect(values.account_id).toBe(`acct-${id}`);
  await partner.close();
});

test("cancelling at the provider closes the popup and the frame says why; the connection keeps its tokens", async ({
  browser,
  request,
}) => {
  const { partner, integrationName } = await enabledInstance(browser, request, "cancel", true);
  const page = await partner.newPage();
  await page.goto(host.url);
  await (await latchkeyFrame(page)).getByRole("link", { name: `Configure ${integrationName} →` }).click();
  const frame = await latchkeyFrame(page, /^\/embedded\/instances\//);
  const card = frame.locator('[data-connection="files"]');
  const popupOpened = page.waitForEvent("popup");
  await card.getByRole("button", { name: "CONNECT again" }).click();
  const popup = await popupOpened;
  await expect(popup).toHaveURL(new RegExp(`^${provider.url}/interaction/`));
  await popup
    .getByRole("link", { name: /Cancel|abort/i })
    .first()
    .click();
  await expect.poll(() => popup.isClosed()).toBe(true);
  await expect(frame.getByText(/The provider did not authorize: access_denied/)).toBeVisible();
  await expect(card.locator("[data-status]")).toHaveAttribute("data-status", "green");
  await partner.close();
});

test("a set-values message from an origin that is not allowed is ignored and logged", async ({ browser, request }) => {
  const { partner, instanceId } = await enabledInstance(browser, request, "origin", true);
  const page = await partner.newPage();
  await page.goto(attackerUrl);
  // The other site opens the partner page and messages the Latchkey iframe inside it.
  const opened = page.waitForEvent("popup");
  await page.evaluate((url) => Object.assign(window, { partnerWindow: window.open(url) }), host.url);
  const partnerPage = await opened;
  const warnings: string[] = [];
  partnerPage.on("console", (m) => {
    if (m.type() === "warning") warnings.push(m.text());
  });
  const frame = await latchkeyFrame(partnerPage);
  await expect(frame.getByRole("heading", { name: "Integrations" })).toBeVisible();
  // The heading is server-rendered; the bridge listens only once it has hydrated, and says so.
  await expect(partnerPage.getByRole("list", { name: "Events from Latchkey" })).toContainText(
    '"type":"latchkey:ready"',
  );
  await page.evaluate(
    ({ instance }) => {
      const target = (window as unknown as { partnerWindow: Window }).partnerWindow.frames[0]!;
      target.postMessage(
        { type: "latchkey:set-values", instanceId: instance, connection: "files", values: { account_id: "hijacked" } },
        "*",
      );
    },
    { instance: instanceId },
  );
  await expect.poll(() => warnings.join("\n")).toContain(`ignored a latchkey:set-values message from ${attackerUrl}`);
  // The allowed parent still works, and nothing of the other site's message was stored.
  expect((await connectionValues(request, instanceId)).values.account_id).toBe(`acct-${id}-origin`);
  await expect(partnerPage.getByRole("list", { name: "Events from Latchkey" })).not.toContainText("set-values-result");
  await partner.close();
});

test("an embedded user asking for another customer's instance gets Not found, and the frame keeps its own customer", async ({
  browser,
  request,
}) => {
  const { partner, instanceId, integrationName } = await enabledInstance(browser, request, "tenant", false);
  const integrations = await request.get(`/api/v1/integrations?search=${encodeURIComponent(integrationName)}`, {
    headers: auth,
  });
  const integrationId = ((await integrations.json()) as { data: { id: string }[] }).data[0]!.id;
  const other = await post(request, "/api/v1/customers", { name: `Other ${id}` });
  const theirs = await post(request, "/api/v1/instances", { integrationId, customerId: other.id });
  const page = await partner.newPage();
  await page.goto(host.url);
  const frame = await latchkeyFrame(page);
  await frame.goto(`${BASE_URL}/embedded/instances/${String(theirs.id)}`);
  await expect(frame.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(frame.getByText(`Other ${id}`)).toHaveCount(0);
  // Its own instance is still there.
  await frame.goto(`${BASE_URL}/embedded/instances/${instanceId}`);
  await expect(frame.getByRole("heading", { name: integrationName })).toBeVisible();
  await partner.close();
});

test("a blocked popup falls back to the whole window and comes back to the partner page", async ({
  browser,
  request,
}) => {
  const { partner, integrationName } = await enabledInstance(browser, request, "blocked", true);
  const page = await partner.newPage();
  // As a popup blocker does: window.open answers null.
  await page.addInitScript(() => {
    window.open = () => null;
  });
  await page.goto(host.url);
  await (await latchkeyFrame(page)).getByRole("link", { name: `Configure ${integrationName} →` }).click();
  const frame = await latchkeyFrame(page, /^\/embedded\/instances\//);
  const card = frame.locator('[data-connection="files"]');
  await card.getByRole("button", { name: "CONNECT again" }).click();
  await expect(card.getByRole("alert")).toContainText("Your browser blocked the sign-in window");
  await card.getByRole("link", { name: "Continue to the provider in this window" }).click();
  await signInAndConsent(page);
  await expect(page.getByRole("heading", { name: "Authorization completed successfully" })).toBeVisible();
  await page.getByRole("link", { name: `Back to 127.0.0.1:${HOST_PORT}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${host.url}/`));
  const back = await latchkeyFrame(page);
  await expect(back.locator(`[data-integration="${integrationName}"]`).locator("[data-status]")).toHaveAttribute(
    "data-status",
    "green",
  );
  await partner.close();
});

test("frame-ancestors: the organization's origins on embedded screens, 'none' everywhere else", async ({ request }) => {
  const refused = await request.get("/embedded/sign-in?token=not.a.jwt", { maxRedirects: 0 });
  expect(refused.status()).toBe(400);
  expect(refused.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  for (const path of ["/sign-in", "/settings/embedding", "/api/oauth/callback"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
  }
  // Without a session, an embedded screen may be framed by no one.
  const anonymous = await request.get("/embedded", { maxRedirects: 0, headers: { cookie: "" } });
  expect(anonymous.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});
