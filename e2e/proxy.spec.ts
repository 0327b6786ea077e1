import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { apiCreateCustomer } from "./support/api";
import { API_KEY } from "./support/env";
import { unique } from "./support/sign-in";

// The proxy on the screens: the type's page and the designer show the URL integration code calls,
// and the instance screen shows it per connection with its call figures once calls went through.
// The upstream is a server this test starts on 127.0.0.1 (the e2e server allows loopback).

const auth = { authorization: `Bearer ${API_KEY}` };
let upstream: Server;
let upstreamUrl = "";

test.beforeAll(async () => {
  upstream = createServer((req, res) => {
    let bytes = 0;
    req.on("data", (chunk: Buffer) => (bytes += chunk.length));
    req.on("end", () => {
      res.writeHead(req.headers["x-api-key"] === "e2e-proxy-secret" ? 200 : 401, {
        "content-type": "application/json",
      });
      res.end(JSON.stringify({ path: req.url, bytes }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

test("the proxy URL on the type page, the designer and the instance screen, with call figures", async ({
  page,
  request,
}) => {
  const id = unique()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
  const key = `e2e_proxy_${id}`;
  const type = await request.post("/api/v1/connection-types", {
    headers: auth,
    data: {
      key,
      label: `E2E Proxy ${id}`,
      kind: "fields",
      fields: [
        { key: "base_url", label: "Base URL", type: "url", required: true },
        { key: "api_key", label: "API key", type: "password", required: true },
      ],
      proxy: { baseUrl: "{{base_url}}/v1", auth: { type: "header", name: "X-Api-Key", valueField: "api_key" } },
    },
  });
  expect(type.status(), await type.text()).toBe(201);
  const integration = await request.post("/api/v1/integrations", {
    headers: auth,
    data: { name: `E2E proxied ${id}`, configVariables: [{ key: "crm", label: "CRM", connectionType: key }] },
  });
  expect(integration.status(), await integration.text()).toBe(201);
  const integrationId = ((await integration.json()) as { id: string }).id;
  const customerId = await apiCreateCustomer(request, `E2E Proxy Customer ${id}`);
  const instance = await request.post("/api/v1/instances", { headers: auth, data: { integrationId, customerId } });
  expect(instance.status(), await instance.text()).toBe(201);
  const instanceId = ((await instance.json()) as { id: string }).id;
  const configured = await request.put(`/api/v1/instances/${instanceId}/connections/crm`, {
    headers: auth,
    data: { values: { base_url: upstreamUrl, api_key: "e2e-proxy-secret" } },
  });
  expect(configured.status(), await configured.text()).toBe(200);

  // Integration code's calls, through the real server (its middleware leaves the proxy alone).
  for (const path of ["contacts?limit=2", "contacts/7"]) {
    const call = await request.get(`/api/v1/instances/${instanceId}/connections/crm/proxy/${path}`, { headers: auth });
    expect(call.status(), await call.text()).toBe(200);
    expect(call.headers()["latchkey-request-id"]).toBeTruthy();
  }
  const upload = await request.post(`/api/v1/instances/${instanceId}/connections/crm/proxy/contacts`, {
    headers: { ...auth, "content-type": "application/octet-stream" },
    data: Buffer.alloc(12 * 1024 * 1024, 1),
  });
  expect(upload.status()).toBe(200);
  // All of it: past 10 MB, Next's middleware would have cut the body short.
  expect(((await upload.json()) as { bytes: number }).bytes).toBe(12 * 1024 * 1024);
  // A path Next cannot decode is the middleware's 400 (not Next's plain 500); a path with a valid
  // non-ASCII escape stays out of the middleware, so its 12 MiB body arrives whole.
  for (const path of ["%ff", "a%2", "contacts/%e2%82"]) {
    const bad = await request.post(`/api/v1/instances/${instanceId}/connections/crm/proxy/${path}`, {
      headers: auth,
      data: "kept out",
    });
    expect(bad.status(), path).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message, path).toMatch(/percent-encoding/);
  }
  const accented = await request.post(`/api/v1/instances/${instanceId}/connections/crm/proxy/files/caf%C3%A9`, {
    headers: { ...auth, "content-type": "application/octet-stream" },
    data: Buffer.alloc(12 * 1024 * 1024, 1),
  });
  expect(accented.status()).toBe(200);
  expect(await accented.json()).toEqual({ path: "/v1/files/caf%C3%A9", bytes: 12 * 1024 * 1024 });

  await page.goto(`/components/${key}`);
  const typeProxy = page
    .getByRole("region", { name: "Proxy" })
    .or(page.locator("section", { hasText: "Integration code calls" }));
  await expect(typeProxy.getByTestId("proxy-url")).toContainText("/connections/{config variable key}/proxy/");
  await expect(typeProxy).toContainText("{{base_url}}/v1");

  await page.goto(`/integrations/${integrationId}`);
  await expect(page.getByTestId("proxy-url")).toContainText("/api/v1/instances/{instance id}/connections/crm/proxy/");

  await page.goto(`/instances/${instanceId}`);
  const panel = page.getByRole("region", { name: "Proxy" });
  await expect(panel.getByTestId("proxy-url")).toContainText(`/api/v1/instances/${instanceId}/connections/crm/proxy/`);
  const figures = panel.getByRole("definition");
  await expect(panel.getByText("Calls (last hour)")).toBeVisible();
  // Two GETs and two uploads: the badly encoded paths were refused before the proxy counted them.
  await expect(figures.first()).toHaveText("4");
  await expect(figures.nth(1)).toHaveText("0");
});
