import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { apiCreateCustomer } from "../support/api";
import { API_KEY } from "../support/env";
import { unique } from "../support/sign-in";

// Oversized proxy calls against the production server (server.mjs with Node's header limit as
// `npm start` sets it): a 20 KiB URL and 40 KiB of headers reach the proxy, which answers the
// contract's JSON 414 and 431 saying which limit was passed, instead of Node's bare 431.

const auth = { authorization: `Bearer ${API_KEY}` };
let upstream: Server;
let upstreamUrl = "";
let received = 0;

test.beforeAll(async () => {
  upstream = createServer((req, res) => {
    received += 1;
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ path: req.url }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

test("a 20 KiB proxy URL is a JSON 414 and 40 KiB of headers a JSON 431; nothing is sent on", async ({ request }) => {
  const id = unique()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
  const key = `e2e_sized_${id}`;
  const type = await request.post("/api/v1/connection-types", {
    headers: auth,
    data: {
      key,
      label: `E2E Sized ${id}`,
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
    data: { name: `E2E sized ${id}`, configVariables: [{ key: "crm", label: "CRM", connectionType: key }] },
  });
  expect(integration.status(), await integration.text()).toBe(201);
  const integrationId = ((await integration.json()) as { id: string }).id;
  const customerId = await apiCreateCustomer(request, `E2E Sized Customer ${id}`);
  const instance = await request.post("/api/v1/instances", { headers: auth, data: { integrationId, customerId } });
  expect(instance.status(), await instance.text()).toBe(201);
  const instanceId = ((await instance.json()) as { id: string }).id;
  const configured = await request.put(`/api/v1/instances/${instanceId}/connections/crm`, {
    headers: auth,
    data: { values: { base_url: upstreamUrl, api_key: "e2e-sized-secret" } },
  });
  expect(configured.status(), await configured.text()).toBe(200);
  const proxy = `/api/v1/instances/${instanceId}/connections/crm/proxy`;

  const ok = await request.get(`${proxy}/items`, { headers: auth });
  expect(ok.status(), await ok.text()).toBe(200);
  const sent = received;

  for (const path of [`items/${"a".repeat(20 * 1024)}`, `items?q=${"b".repeat(20 * 1024)}`]) {
    const long = await request.get(`${proxy}/${path}`, { headers: auth });
    expect(long.status(), path.slice(0, 12)).toBe(414);
    expect(long.headers()["content-type"]).toMatch(/application\/json/);
    expect(((await long.json()) as { error: unknown }).error).toMatchObject({
      code: "uri_too_long",
      message: expect.stringMatching(/at most 8 KiB/),
    });
  }
  const headers = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`x-big-${i}`, "c".repeat(4 * 1024)]));
  const big = await request.get(`${proxy}/items`, { headers: { ...auth, ...headers } });
  expect(big.status()).toBe(431);
  expect(((await big.json()) as { error: unknown }).error).toMatchObject({
    code: "request_header_fields_too_large",
    message: expect.stringMatching(/at most 16 KiB/),
  });
  expect(received).toBe(sent);
});
