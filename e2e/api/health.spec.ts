import { expect, test } from "@playwright/test";
import { API_KEY } from "../support/env";

// The public contract over HTTP against the production server.

test("health answers with the embedded database and the webhook backlog", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    webhooks: { pending: number; oldestPendingAt: string | null; lastRunAt: string | null };
  };
  expect(body).toEqual({ ok: true, database: "pglite", refresh: expect.any(Object), webhooks: expect.any(Object) });
  expect(body.webhooks).toEqual({
    pending: expect.any(Number),
    oldestPendingAt: body.webhooks.pending ? expect.any(String) : null,
    lastRunAt: body.webhooks.lastRunAt ? expect.any(String) : null,
  });
});

test("API v1 needs a valid key and answers bad input with the contract's errors", async ({ request }) => {
  const anonymous = await request.get("/api/v1/organization");
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error).toMatchObject({ code: "unauthorized", message: expect.any(String) });

  const wrong = await request.get("/api/v1/organization", {
    headers: { authorization: "Bearer lk_wrong_key_000000000000000" },
  });
  expect(wrong.status()).toBe(401);

  const auth = { authorization: `Bearer ${API_KEY}` };
  const org = await request.get("/api/v1/organization", { headers: auth });
  expect(org.status()).toBe(200);
  expect(await org.json()).toMatchObject({ slug: "demo", name: "Demo Organization", allowedFrameOrigins: [] });

  const broken = await request.patch("/api/v1/organization", {
    headers: { ...auth, "content-type": "application/json" },
    data: Buffer.from("{oops"),
  });
  expect(broken.status()).toBe(400);
  expect((await broken.json()).error.code).toBe("invalid_json");

  const wrongTypes = await request.patch("/api/v1/organization", {
    headers: auth,
    data: { name: 5, allowedFrameOrigins: ["not an origin"] },
  });
  expect(wrongTypes.status()).toBe(400);
  expect(Object.keys((await wrongTypes.json()).error.fields)).toEqual(
    expect.arrayContaining(["name", "allowedFrameOrigins.0"]),
  );

  const doc = await request.get("/api/v1/openapi.json");
  const openapi = await doc.json();
  expect(openapi.openapi).toBe("3.1.0");
  expect(Object.keys(openapi.paths)).toEqual(
    expect.arrayContaining(["/api/v1/organization", "/api/v1/credentials", "/api/v1/customers/{id}"]),
  );
});
