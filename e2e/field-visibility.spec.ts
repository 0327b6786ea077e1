import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type Page, type Request } from "@playwright/test";
import { apiCreateCredential } from "./support/api";
import { watchResponses } from "./support/credentials";
import { wizardSave } from "./support/screens";
import { partnerSigner } from "./support/partner";
import { API_KEY, BASE_URL } from "./support/env";
import { noSession, unique } from "./support/sign-in";
import { addUser, signedInAs } from "./support/team";

// Issue 13, H1 and H2 in the browser. A client credentials connection whose integration keeps the
// client id, client secret and token URL hidden: the customer user's Values tab of the wizard-made
// credential shows none of them, and replaying its save with token_uri pointed at an attacker's
// server changes nothing (the attacker hears nothing, the API still reads the real token URL). An
// embedded session cookie, taken out of the iframe, opens no main-app page and runs no main-app action.

test.describe.configure({ timeout: 180_000 });

const auth = { authorization: `Bearer ${API_KEY}` };

type Heard = { path: string; authorization: string | undefined };

/** A local HTTP server that records every request; `answer` says what to send back. */
async function recordingServer(answer: (req: IncomingMessage, body: string) => { status: number; json: unknown }) {
  const heard: Heard[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      heard.push({ path: req.url ?? "/", authorization: req.headers.authorization });
      const { status, json } = answer(req, body);
      res
        .writeHead(status, { "content-type": "application/json", "cache-control": "no-store" })
        .end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, heard, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The client id and secret of a Basic header, form-decoded as RFC 6749 (2.3.1) has them sent. */
function basicCredentials(header: string | undefined): string | null {
  const [scheme, encoded] = (header ?? "").split(" ");
  if (scheme !== "Basic" || !encoded) return null;
  return Buffer.from(encoded, "base64")
    .toString("utf8")
    .split(":")
    .map((part) => decodeURIComponent(part.replace(/\+/g, " ")))
    .join(":");
}

async function post(request: APIRequestContext, path: string, data: unknown) {
  const response = await request.post(path, { headers: auth, data });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return (await response.json()) as Record<string, unknown>;
}

/**
 * A client credentials type, an integration that hides its client settings (secret default
 * included) and leaves only "account" to the customer, a customer and an instance of it.
 */
async function hiddenClientSetup(
  request: APIRequestContext,
  id: string,
  tokenUri: string,
  client: { id: string; secret: string },
  customer: { name: string; externalId?: string },
) {
  const typeKey = `fv_${id}`;
  await post(request, "/api/v1/connection-types", {
    key: typeKey,
    label: `FV client ${id}`,
    kind: "oauth2_client_credentials",
    fields: [
      { key: "client_id", label: "Client ID", type: "string", required: true },
      { key: "client_secret", label: "Client secret", type: "password", required: true },
      { key: "token_uri", label: "Token URL", type: "url", required: true },
      { key: "account", label: "Account", type: "string", required: true },
    ],
    oauth: { tokenAuthMethod: "client_secret_basic" },
  });
  const hidden = { visibility: "hidden" };
  const integration = await post(request, "/api/v1/integrations", {
    name: `FV reports ${id}`,
    configVariables: [
      {
        key: "reports",
        label: `Reports API ${id}`,
        connectionType: typeKey,
        fields: {
          client_id: { ...hidden, default: client.id },
          client_secret: { ...hidden, default: client.secret },
          token_uri: { ...hidden, default: tokenUri },
          account: { visibility: "customer" },
        },
      },
    ],
  });
  const customerRow = await post(request, "/api/v1/customers", customer);
  const instance = await post(request, "/api/v1/instances", {
    integrationId: integration.id,
    customerId: customerRow.id,
  });
  return { instanceId: String(instance.id), customerId: String(customerRow.id), connectionLabel: `Reports API ${id}` };
}

/** What integration code receives for the instance's connection, through the organization's key. */
async function runtimeValues(request: APIRequestContext, instanceId: string) {
  const response = await request.get(`/api/v1/instances/${instanceId}/connections/reports/values`, { headers: auth });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { values: Record<string, string>; accessToken: string | null };
}

/** The id of the credential the instance's connection uses (the wizard-made one). */
async function credentialOf(request: APIRequestContext, instanceId: string): Promise<string> {
  const response = await request.get(`/api/v1/instances/${instanceId}`, { headers: auth });
  const body = (await response.json()) as { connections: { key: string; credentialId: string | null }[] };
  const credentialId = body.connections.find((c) => c.key === "reports")?.credentialId;
  expect(credentialId, "the connection is configured").toBeTruthy();
  return credentialId!;
}

/** A server action request of the page, as the browser sent it: its URL, action headers and argument list. */
async function actionRequest(request: Request) {
  const headers = await request.allHeaders();
  const replay = Object.fromEntries(
    Object.entries(headers).filter(([name]) =>
      /^(next-action|next-router-state-tree|accept|content-type|origin)$/i.test(name),
    ),
  );
  expect(replay["next-action"], "a server action request").toBeTruthy();
  return {
    url: request.url(),
    headers: replay,
    args: JSON.parse(request.postData() ?? "null") as [{ id: string; patch: { values?: Record<string, string> } }],
  };
}

const isAction = (r: Request) => r.method() === "POST" && !!r.headers()["next-action"];

test("H1: the customer user's Values tab shows no hidden field, and a replayed save naming token_uri changes nothing", async ({
  page,
  browser,
  request,
}) => {
  const id = unique();
  const client = { id: `fv-client-${id}`, secret: `fv-client-secret-${id}-value` };
  const provider = await recordingServer((req) =>
    basicCredentials(req.headers.authorization) === `${client.id}:${client.secret}`
      ? { status: 200, json: { access_token: `fv-token-${id}`, token_type: "Bearer", expires_in: 3600 } }
      : { status: 401, json: { error: "invalid_client" } },
  );
  const attacker = await recordingServer(() => ({
    status: 200,
    json: { access_token: "stolen", token_type: "Bearer", expires_in: 3600 },
  }));
  const tokenUri = `${provider.url}/token`;
  const email = `fv-customer-${id}@example.com`;
  try {
    const customerName = `FV Customer ${id}`;
    const { instanceId } = await hiddenClientSetup(request, id, tokenUri, client, {
      name: customerName,
    });
    await addUser(page, { name: "FV Customer User", email, role: "customer", customer: customerName });
    const user = await signedInAs(browser, email);
    const responses = await watchResponses(user);

    await test.step("the customer user configures the instance in its wizard: only Account, and the real provider issues a token", async () => {
      await user.goto(`/instances/${instanceId}`);
      const card = user.locator('[data-connection="reports"]');
      await expect(card.getByLabel("Account")).toBeVisible();
      await expect(card.getByLabel("Token URL")).toHaveCount(0);
      await card.getByLabel("Account").fill(`acct-${id}-first`);
      await wizardSave(user).click();
      await expect(card.locator("[data-status]")).toHaveAttribute("data-status", "green");
      expect(provider.heard.length).toBeGreaterThan(0);
    });
    const credentialId = await credentialOf(request, instanceId);

    await test.step("the Values tab of the wizard-made credential lists Account only: no hidden field, not even as set", async () => {
      await user.goto(`/credentials/${credentialId}`);
      await user.getByRole("link", { name: "Values" }).click();
      await expect(user).toHaveURL(/[?&]tab=values/);
      const form = user.locator("form").filter({ has: user.getByRole("button", { name: "Save values" }) });
      // Account is plain: its stored value shows, editable.
      await expect(form.getByLabel("Account", { exact: true })).toHaveValue(`acct-${id}-first`);
      for (const label of ["Client ID", "Client secret", "Token URL"])
        await expect(user.getByText(label, { exact: false })).toHaveCount(0);
      // The name and Account are the form's only inputs: no hidden field is drawn, not even as set.
      await expect(form.locator("input, textarea, select")).toHaveCount(2);
      await expect(user.getByText(/Saved; not shown|Not set/)).toHaveCount(0);
    });

    const captured = await test.step("a legitimate save of Account goes through", async () => {
      const form = user.locator("form").filter({ has: user.getByRole("button", { name: "Save values" }) });
      const sent = user.waitForRequest(isAction);
      await form.getByLabel("Account", { exact: true }).fill(`acct-${id}-second`);
      await form.getByRole("button", { name: "Save values" }).click();
      const request_ = await actionRequest(await sent);
      await expect(user.getByText("Values saved")).toBeVisible();
      expect((await runtimeValues(request, instanceId)).values.account).toBe(`acct-${id}-second`);
      return request_;
    });

    await test.step("the same request replayed with token_uri set to the attacker's server is refused and changes nothing", async () => {
      const [arg] = captured.args;
      expect(arg.id).toBe(credentialId);
      const forged = [
        {
          ...arg,
          patch: {
            ...arg.patch,
            values: { ...arg.patch.values, account: `acct-${id}-forged`, token_uri: `${attacker.url}/steal` },
          },
        },
      ];
      // The customer user's own session (the context's cookies), the page's own action id.
      const response = await user.request.post(captured.url, {
        headers: captured.headers,
        data: JSON.stringify(forged),
      });
      const body = await response.text();
      expect(body).toContain("This field is set by the organization");
      expect(body).not.toContain(`acct-${id}-forged`);

      const after = await runtimeValues(request, instanceId);
      expect(after.values.token_uri).toBe(tokenUri);
      expect(after.values.account).toBe(`acct-${id}-second`);
      // A new token is fetched from the real token URL, never from the attacker's.
      const disconnected = await request.delete(`/api/v1/instances/${instanceId}/connections/reports/authorization`, {
        headers: auth,
      });
      expect(disconnected.status(), await disconnected.text()).toBe(200);
      const heardBefore = provider.heard.length;
      expect((await runtimeValues(request, instanceId)).accessToken).toBe(`fv-token-${id}`);
      expect(provider.heard.length).toBeGreaterThan(heardBefore);
      expect(attacker.heard, "requests the attacker's server received").toEqual([]);
    });

    await test.step("the Values tab is unchanged, and nothing the browser received holds a hidden value", async () => {
      await user.reload();
      await expect(user.getByLabel("Account", { exact: true })).toBeVisible();
      await expect(user.getByText("Token URL", { exact: false })).toHaveCount(0);
      responses.expectNoneContain([client.id, client.secret, tokenUri, provider.url, attacker.url]);
    });
    await user.context().close();
  } finally {
    await provider.close();
    await attacker.close();
  }
});

/** The embedded session cookie's value that the embedded sign-in hands out for this token. */
async function embeddedCookie(request: APIRequestContext, token: string): Promise<string> {
  const response = await request.get(`/embedded/sign-in?token=${encodeURIComponent(token)}`, { maxRedirects: 0 });
  expect(response.status(), await response.text()).toBe(303);
  const setCookie = response
    .headersArray()
    .find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("latchkey_embedded="));
  expect(setCookie, "the embedded sign-in sets its cookie").toBeTruthy();
  return setCookie!.value.split(";")[0]!.slice("latchkey_embedded=".length);
}

/** Captures the Values form's server action as the admin's browser would send it, without letting it run. */
async function captureValuesAction(page: Page, credentialId: string) {
  await page.goto(`/credentials/${credentialId}?tab=values`);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Save values" }) });
  await page.route(`**/credentials/${credentialId}*`, (route) =>
    isAction(route.request()) ? route.abort() : route.fallback(),
  );
  const sent = page.waitForRequest(isAction);
  await form.getByLabel("Account", { exact: true }).fill("never-saved");
  await form.getByRole("button", { name: "Save values" }).click();
  const captured = await actionRequest(await sent);
  await page.unroute(`**/credentials/${credentialId}*`);
  return captured;
}

test("H2: an embedded session cookie opens no main-app page and runs no main-app action", async ({
  page,
  browser,
  request,
}) => {
  const id = unique();
  const provider = await recordingServer(() => ({
    status: 200,
    json: { access_token: `fv-token-${id}`, token_type: "Bearer", expires_in: 3600 },
  }));
  try {
    const externalId = `fv-partner-${id}`;
    const customerName = `FV Embedded Customer ${id}`;
    const { instanceId, customerId } = await hiddenClientSetup(
      request,
      id,
      `${provider.url}/token`,
      { id: `c-${id}`, secret: `s-${id}-value` },
      { name: customerName, externalId },
    );
    // The organization configures the connection: a credential of the embedded user's own customer.
    const put = await request.put(`/api/v1/instances/${instanceId}/connections/reports`, {
      headers: auth,
      data: { values: { account: `acct-${id}` } },
    });
    expect(put.status(), await put.text()).toBe(200);
    const credentialId = await credentialOf(request, instanceId);
    // And a credential of that customer outside any instance, all of whose fields the customer may set.
    const ownCredentialId = await apiCreateCredential(request, {
      label: `FV own ${id}`,
      authMethod: "api_key",
      customerId,
      values: { api_key: `fv-key-${id}-value` },
    });
    const ownBefore = await credentialDto(request, ownCredentialId);

    const sign = await partnerSigner(request, id);
    const cookie = await embeddedCookie(request, await sign(externalId, customerName));
    const captured = await captureValuesAction(page, credentialId);

    const context = await browser.newContext({ storageState: noSession });
    const embedded = await context.newPage();
    await test.step("the cookie is a working embedded session on /embedded", async () => {
      await context.addCookies([{ name: "latchkey_embedded", value: cookie, url: BASE_URL }]);
      await embedded.goto("/embedded");
      await expect(embedded.getByTestId("embedded-customer")).toHaveText(customerName);
    });

    // Alone it meets the proxy's redirect; beside a forged next-auth cookie it gets past the proxy
    // and must be refused by the session itself.
    for (const forgedNextAuth of [false, true]) {
      await test.step(`main-app pages send it to sign-in${forgedNextAuth ? " (with a forged next-auth cookie)" : ""}`, async () => {
        if (forgedNextAuth)
          await context.addCookies([{ name: "next-auth.session-token", value: `forged-${id}`, url: BASE_URL }]);
        for (const path of [`/credentials/${ownCredentialId}?tab=values`, `/instances/${instanceId}`, "/credentials"]) {
          await embedded.goto(path);
          await expect(embedded, path).toHaveURL(/\/sign-in(\?|$)/);
          await expect(embedded.getByRole("button", { name: "Sign in" })).toBeVisible();
          await expect(embedded.getByText(`FV own ${id}`)).toHaveCount(0);
        }
      });

      await test.step(`the main app's Values action refuses it${forgedNextAuth ? " (with a forged next-auth cookie)" : ""}`, async () => {
        for (const [target, values] of [
          [credentialId, { account: `acct-${id}-hijacked` }],
          [ownCredentialId, { api_key: `fv-key-${id}-hijacked` }],
        ] as const) {
          const args = [{ id: target, patch: { values } }];
          const response = await context.request.post(captured.url.replace(credentialId, target), {
            headers: captured.headers,
            data: JSON.stringify(args),
            maxRedirects: 0,
          });
          const body = await response.text();
          // Refused before the action ran: by the proxy's redirect to sign-in, or (past the proxy) by the
          // session, which on the main app never reads the embedded cookie.
          if (forgedNextAuth) expect(body).toContain("Your session has ended; sign in again.");
          else expect(response.headers().location ?? "", `status ${response.status()}`).toMatch(/\/sign-in/);
          expect(body).not.toContain("hijacked");
        }
      });
    }

    await test.step("nothing changed: the API still reads the values the organization set", async () => {
      expect((await runtimeValues(request, instanceId)).values.account).toBe(`acct-${id}`);
      expect((await credentialDto(request, ownCredentialId)).updatedAt).toBe(ownBefore.updatedAt);
    });
    await context.close();
  } finally {
    await provider.close();
  }
});

/** A credential as the API shows it (no values), to tell whether it was written. */
async function credentialDto(request: APIRequestContext, credentialId: string) {
  const response = await request.get(`/api/v1/credentials/${credentialId}`, { headers: auth });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { updatedAt: string };
}
