import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { startSandboxProvider, type SandboxProvider } from "../lib/sandbox-provider";
import { authorizationLinkIn, startSmtpPeer } from "../tests/support/smtp-peer";
import { apiCreateCustomer } from "./support/api";
import { API_KEY, BASE_URL, CRON_SECRET, E2E_SMTP_PORT } from "./support/env";
import { noSession, unique } from "./support/sign-in";

// Issue 5 in the browser against a real oidc-provider: CONNECT, the provider's own sign-in and
// consent pages, green; DISCONNECT confirmed by the provider's introspection; custom success and
// failure redirects with every parameter; an e-mailed link received over SMTP completes the flow.

test.describe.configure({ timeout: 240_000 });

const id = unique();
const client = { clientId: `e2e-${id}`, clientSecret: `e2e-secret-${id}-value` };
const auth = { authorization: `Bearer ${API_KEY}` };
let provider: SandboxProvider;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let partner: Server;
let partnerUrl = "";
const arrivals: URL[] = [];

test.beforeAll(async () => {
  // Access tokens live 20 seconds, so that a refresh happens within a test.
  provider = await startSandboxProvider({
    accessTokenTtlSeconds: 20,
    clients: [{ ...client, authMethod: "client_secret_basic", redirectUris: [`${BASE_URL}/api/oauth/callback`] }],
  });
  smtp = await startSmtpPeer(E2E_SMTP_PORT);
  // The partner's pages that custom redirects send the browser to.
  partner = createServer((req, res) => {
    const url = new URL(req.url ?? "/", partnerUrl);
    if (url.pathname !== "/favicon.ico") arrivals.push(url);
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<h1>Back at the partner</h1>");
  });
  await new Promise<void>((resolve) => partner.listen(0, "127.0.0.1", resolve));
  partnerUrl = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await provider?.close();
  await smtp?.close();
  await new Promise((resolve) => partner.close(resolve));
});

async function post(request: APIRequestContext, path: string, data: unknown, method: "post" | "patch" = "post") {
  const response = await request[method](path, { headers: auth, data });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return response.json() as Promise<Record<string, unknown>>;
}

/** A Sandbox connection type, an integration whose client settings are hidden defaults, and an instance. */
let sandboxType: Promise<unknown> | undefined;

async function deploySandbox(
  request: APIRequestContext,
  suffix: string,
  redirects: { successRedirectUrl?: string; failureRedirectUrl?: string } = {},
) {
  const typeKey = `sandbox_${id}_${suffix}`;
  const hidden = { visibility: "hidden" };
  // The one connection type of this worker, declared by whichever test comes first, so that no test
  // depends on another having run.
  sandboxType ??= post(request, "/api/v1/connection-types", {
    key: `sandbox_${id}`,
    label: `Sandbox ${id}`,
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
      { key: "revoke_uri", label: "Revocation URL", type: "url", default: provider.endpoints.revocation },
      { key: "scopes", label: "Scopes", type: "string", default: "openid offline_access files.read" },
    ],
    oauth: { pkce: true, tokenAuthMethod: "client_secret_basic", authorizeParams: { prompt: "consent" } },
  });
  await sandboxType;
  const integration = await post(request, "/api/v1/integrations", {
    name: `E2E OAuth ${id} ${suffix}`,
    configVariables: [
      {
        key: "files",
        label: "Sandbox files",
        connectionType: `sandbox_${id}`,
        fields: {
          client_id: hidden,
          client_secret: { ...hidden, default: client.clientSecret },
          auth_uri: hidden,
          token_uri: hidden,
          revoke_uri: hidden,
        },
        ...redirects,
      },
    ],
  });
  const customerId = await apiCreateCustomer(request, `E2E OAuth Customer ${id} ${suffix}`);
  const instance = await post(request, "/api/v1/instances", { integrationId: integration.id, customerId });
  return {
    typeKey,
    instanceId: String(instance.id),
    instanceName: String(instance.name),
    integrationId: String(integration.id),
  };
}

/** The provider's own sign-in page, then its consent page. */
async function signInAndConsent(page: Page) {
  await expect(page).toHaveURL(new RegExp(`^${provider.url}/interaction/`));
  await page.locator('input[name="login"]').fill(`alice-${id}`);
  await page.locator('input[name="password"]').fill("any password");
  await page.locator('button[type="submit"]').click();
  await page.getByRole("button", { name: "Continue" }).click();
}

async function introspect(token: string): Promise<boolean> {
  const response = await fetch(provider.endpoints.introspection, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ token }),
  });
  return ((await response.json()) as { active: boolean }).active;
}

const card = (page: Page) => page.locator('[data-connection="files"]');

test("CONNECT through the provider's pages turns the connection green; DISCONNECT revokes the token", async ({
  page,
  request,
}) => {
  const { instanceId } = await deploySandbox(request, "a");
  await page.goto(`/instances/${instanceId}`);
  await expect(card(page).locator("[data-status]")).toHaveAttribute("data-status", "red");
  await card(page).getByRole("button", { name: "CONNECT", exact: true }).click();
  await signInAndConsent(page);
  await expect(page.getByRole("heading", { name: "Authorization completed successfully" })).toBeVisible();
  await page.getByRole("link", { name: /^Back to / }).click();
  await expect(card(page).locator("[data-status]")).toHaveAttribute("data-status", "green");
  await expect(card(page).getByTestId("granted-scopes")).toContainText("files.read");
  await expect(card(page).getByRole("button", { name: "DISCONNECT" })).toBeVisible();

  // The runtime API hands over the access token, and the provider says it is active.
  const values = await request.get(`/api/v1/instances/${instanceId}/connections/files/values`, { headers: auth });
  expect(values.status(), await values.text()).toBe(200);
  const { accessToken } = (await values.json()) as { accessToken: string };
  expect(await introspect(accessToken)).toBe(true);

  await card(page).getByRole("button", { name: "DISCONNECT" }).click();
  // DISCONNECT asks first (issue 19): the grant is revoked at the provider.
  await page.getByRole("dialog").getByRole("button", { name: "Disconnect and revoke" }).click();
  await expect(page.getByText(/revoked/i).first()).toBeVisible();
  await expect(card(page).getByRole("button", { name: "CONNECT", exact: true })).toBeVisible();
  expect(await introspect(accessToken)).toBe(false);
  await card(page).getByRole("button", { name: "Logs of Sandbox files" }).click();
  await expect(
    page
      .getByRole("dialog")
      .getByText(/Disconnected/i)
      .first(),
  ).toBeVisible();
});

test("a short-lived token is refreshed by the cron route, and the screen and the log say so", async ({
  page,
  request,
}) => {
  const { instanceId } = await deploySandbox(request, "r");
  await page.goto(`/instances/${instanceId}`);
  await card(page).getByRole("button", { name: "CONNECT", exact: true }).click();
  await signInAndConsent(page);
  await page.getByRole("link", { name: /^Back to / }).click();
  await expect(card(page).locator("[data-status]")).toHaveAttribute("data-status", "green");
  await expect(card(page).getByTestId("next-refresh")).toBeVisible();
  const first = (await (
    await request.get(`/api/v1/instances/${instanceId}/connections/files/values`, { headers: auth })
  ).json()) as { accessToken: string };

  // The cron route refuses a wrong secret; with the right one, it refreshes the token once it is due (half its 20 s life).
  expect((await request.post("/api/cron/refresh", { headers: { authorization: "Bearer wrong" } })).status()).toBe(401);
  // Run the cron route until this connection's log says it was refreshed (due after about 10 s): a
  // condition, not a fixed wait, so a busy machine only makes it take longer.
  await expect
    .poll(
      async () => {
        const run = await request.post("/api/cron/refresh", { headers: { authorization: `Bearer ${CRON_SECRET}` } });
        expect(run.status()).toBe(200);
        const logs = await request.get(`/api/v1/instances/${instanceId}/connections/files/logs`, { headers: auth });
        return JSON.stringify(await logs.json());
      },
      { timeout: 90_000, intervals: [2_000] },
    )
    .toMatch(/Access token refreshed/);

  await page.reload();
  await expect(card(page).locator("[data-status]")).toHaveAttribute("data-status", "green");
  await expect(card(page).getByTestId("next-refresh")).toContainText("last refreshed");
  await card(page).getByRole("button", { name: "Logs of Sandbox files" }).click();
  await expect(
    page
      .getByRole("dialog")
      .getByText(/Access token refreshed, refresh token rotated/)
      .first(),
  ).toBeVisible();
  await page.keyboard.press("Escape");

  const second = (await (
    await request.get(`/api/v1/instances/${instanceId}/connections/files/values`, { headers: auth })
  ).json()) as { accessToken: string };
  expect(second.accessToken).not.toBe(first.accessToken);
  expect(await introspect(second.accessToken)).toBe(true);
});

test("custom success and failure redirects arrive with every parameter", async ({ page, request }) => {
  await post(request, "/api/v1/organization", { allowedRedirectOrigins: [partnerUrl] }, "patch");
  const { instanceId, instanceName, integrationId } = await deploySandbox(request, "b", {
    successRedirectUrl: `${partnerUrl}/done`,
    failureRedirectUrl: `${partnerUrl}/failed`,
  });
  const expected = {
    instanceId,
    instanceName,
    integrationId,
    integrationName: `E2E OAuth ${id} b`,
    configVarName: "Sandbox files",
  };

  await page.goto(`/instances/${instanceId}`);
  await card(page).getByRole("button", { name: "CONNECT", exact: true }).click();
  await signInAndConsent(page);
  await expect(page.getByRole("heading", { name: "Back at the partner" })).toBeVisible();
  const success = arrivals.at(-1)!;
  expect(success.pathname).toBe("/done");
  for (const [k, v] of Object.entries(expected)) expect(success.searchParams.get(k), k).toBe(v);
  expect(success.searchParams.get("configVarId")).toMatch(/^[0-9a-f-]{36}$/);

  // Denied at the consent page: the failure URL gets the same parameters and the provider's error.
  await page.goto(`/instances/${instanceId}`);
  await card(page).getByRole("button", { name: "CONNECT again" }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider.url}/interaction/`));
  const abort = page.getByRole("link", { name: /Cancel|abort/i });
  await abort.first().click();
  await expect(page.getByRole("heading", { name: "Back at the partner" })).toBeVisible();
  const failure = arrivals.at(-1)!;
  expect(failure.pathname).toBe("/failed");
  for (const [k, v] of Object.entries(expected)) expect(failure.searchParams.get(k), k).toBe(v);
  expect(failure.searchParams.get("error")).toBe("access_denied");
  expect(failure.searchParams.get("error_description")).toBeTruthy();
});

test("an e-mailed authorization link, received over SMTP, completes the flow without an account, once", async ({
  page,
  browser,
  request,
}) => {
  const { instanceId } = await deploySandbox(request, "c");
  await page.goto(`/instances/${instanceId}`);
  const form = card(page).getByRole("form", { name: "Send an authorization link" });
  await form.getByLabel("Customer's e-mail").fill(`it-${id}@customer.example`);
  await form.getByRole("button", { name: "Send email" }).click();
  await expect(page.getByText(`Sent the authorization link to it-${id}@customer.example`)).toBeVisible();
  await expect.poll(() => smtp.received.filter((m) => m.to.includes(`it-${id}@customer.example`)).length).toBe(1);
  const mail = smtp.received.find((m) => m.to.includes(`it-${id}@customer.example`))!;
  const link = authorizationLinkIn(mail.raw)!;
  expect(link.startsWith(`${BASE_URL}/authorize/`)).toBe(true);

  // The customer has no account: a fresh browser without any session.
  const context = await browser.newContext({ storageState: noSession });
  const customer = await context.newPage();
  await customer.goto(link);
  await expect(customer.getByRole("heading", { name: /asks you to connect .*Sandbox files/ })).toBeVisible();
  await customer.getByRole("button", { name: "CONNECT" }).click();
  await signInAndConsent(customer);
  await expect(customer.getByRole("heading", { name: "Authorization completed successfully" })).toBeVisible();
  // Used once: the same link now says so.
  await customer.goto(link);
  await expect(customer.getByRole("heading", { name: "This link has been used" })).toBeVisible();
  await context.close();

  await page.reload();
  await expect(card(page).locator("[data-status]")).toHaveAttribute("data-status", "green");
  await card(page).getByRole("button", { name: "Logs of Sandbox files" }).click();
  await expect(
    page.getByRole("dialog").getByText("Customer authorization complete through the e-mailed link"),
  ).toBeVisible();
});
