import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { events, organizations, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/service";
import { webhookUrlProblem } from "@/lib/webhooks/url";
import * as listRoute from "@/app/api/v1/webhooks/route";
import * as oneRoute from "@/app/api/v1/webhooks/[id]/route";
import * as rotateRoute from "@/app/api/v1/webhooks/[id]/rotate-secret/route";
import * as deliveriesRoute from "@/app/api/v1/webhooks/[id]/deliveries/route";

// Webhook endpoints through API v1 (API.md, Webhooks): the secret answered once and stored sealed,
// rotation, bad input as field errors at save, and another organization's key refused.

let db: Db;
beforeAll(async () => {
  db = await getDb();
});

type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Answer = {
  status: number;
  json: Record<string, unknown> & { error?: { message: string; fields?: Record<string, string> } };
};

async function call(
  handler: Handler,
  key: string,
  method: string,
  params: Record<string, string> = {},
  body?: unknown,
): Promise<Answer> {
  const response = await handler(
    new Request("http://localhost/api/v1/webhooks", {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
    { params: Promise.resolve(params) },
  );
  return { status: response.status, json: (await response.json()) as Answer["json"] };
}

async function orgWithKey(role: "admin" | "builder" | "viewer" = "admin") {
  const [org] = await db
    .insert(organizations)
    .values({ name: "Hooks", slug: `hooks-${randomUUID()}` })
    .returning();
  const { token } = await createApiKey(db, org!.id, null, { name: role, role });
  return { organizationId: org!.id, key: token };
}

describe("webhook endpoints", () => {
  it("answers the secret once, stores it sealed, lists, changes and deletes the endpoint", async () => {
    const { organizationId, key } = await orgWithKey();
    const created = await call(
      listRoute.POST,
      key,
      "POST",
      {},
      {
        url: "http://127.0.0.1:9/hook",
        events: ["connection.authorized", "connection.refresh_failed"],
        description: "CRM sync",
      },
    );
    expect(created.status).toBe(201);
    const secret = created.json.secret as string;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const id = created.json.id as string;
    const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    expect(row!.organizationId).toBe(organizationId);
    expect(row!.secretCiphertext).not.toContain(secret.slice(6));

    const list = await call(listRoute.GET, key, "GET");
    expect(list.json.data).toEqual([
      expect.objectContaining({ id, url: "http://127.0.0.1:9/hook", description: "CRM sync", enabled: true }),
    ]);
    expect(JSON.stringify(list.json)).not.toContain(secret);
    expect(JSON.stringify((await call(oneRoute.GET, key, "GET", { id })).json)).not.toContain("secret");

    const patched = await call(oneRoute.PATCH, key, "PATCH", { id }, { enabled: false, events: ["*"] });
    expect(patched.json).toMatchObject({ enabled: false, events: ["*"] });

    const rotated = await call(rotateRoute.POST, key, "POST", { id });
    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).toMatch(/^whsec_/);
    expect(rotated.json.secret).not.toBe(secret);
    const expires = new Date(rotated.json.previousSecretExpiresAt as string).getTime() - Date.now();
    expect(expires).toBeGreaterThan(23 * 3600_000);
    expect(expires).toBeLessThanOrEqual(24 * 3600_000);

    expect((await call(oneRoute.DELETE, key, "DELETE", { id })).json).toEqual({ deleted: true });
    expect((await call(oneRoute.GET, key, "GET", { id })).status).toBe(404);
  });

  it("refuses unknown event types naming them, and a bad URL as a field error at save", async () => {
    const { key } = await orgWithKey();
    const unknown = await call(
      listRoute.POST,
      key,
      "POST",
      {},
      { url: "http://127.0.0.1:9/h", events: ["connection.authorized", "connection.exploded", "nope"] },
    );
    expect(unknown.status).toBe(400);
    expect(unknown.json.error!.fields!.events).toBe("Unknown event types: connection.exploded, nope");
    const withCredentials = await call(
      listRoute.POST,
      key,
      "POST",
      {},
      { url: "https://user:pw@example.com/h", events: ["*"] },
    );
    expect(withCredentials.status).toBe(400);
    expect(withCredentials.json.error!.fields!.url).toMatch(/credentials/);
    const garbage = await call(listRoute.POST, key, "POST", {}, { url: "not a url", events: ["*"] });
    expect(garbage.json.error!.fields!.url).toMatch(/full URL/);
    const none = await call(listRoute.POST, key, "POST", {}, { url: "http://127.0.0.1:9/h", events: [] });
    expect(none.json.error!.fields!.events).toBeDefined();
  });

  it("in production, refuses plain http and private or loopback addresses", async () => {
    expect(await webhookUrlProblem("http://example.com/h", false)).toMatch(/https/);
    expect(await webhookUrlProblem("https://10.1.2.3/h", false)).toMatch(/private/);
    expect(await webhookUrlProblem("https://[::ffff:127.0.0.1]/h", false)).toMatch(/private/);
    expect(await webhookUrlProblem("https://localhost/h", false)).toMatch(/private|resolve/);
    expect(await webhookUrlProblem("https://93.184.215.14/h", false)).toBeNull();
    expect(await webhookUrlProblem("http://127.0.0.1:3000/h", true)).toBeNull();
  });

  it("another organization's key neither sees nor changes the endpoint", async () => {
    const mine = await orgWithKey();
    const theirs = await orgWithKey();
    const created = await call(listRoute.POST, mine.key, "POST", {}, { url: "http://127.0.0.1:9/h", events: ["*"] });
    const id = created.json.id as string;
    expect((await call(listRoute.GET, theirs.key, "GET")).json.data).toEqual([]);
    expect((await call(oneRoute.GET, theirs.key, "GET", { id })).status).toBe(404);
    expect((await call(oneRoute.PATCH, theirs.key, "PATCH", { id }, { enabled: false })).status).toBe(404);
    expect((await call(rotateRoute.POST, theirs.key, "POST", { id })).status).toBe(404);
    expect((await call(oneRoute.DELETE, theirs.key, "DELETE", { id })).status).toBe(404);
    expect((await call(oneRoute.GET, mine.key, "GET", { id })).json).toMatchObject({ enabled: true });
  });

  it("pages an endpoint's deliveries newest first with the contract's cursor, each once, none of another endpoint", async () => {
    const { organizationId, key } = await orgWithKey("viewer");
    const admin = await createApiKey(db, organizationId, null, { name: "admin", role: "admin" });
    const make = async () =>
      (await call(listRoute.POST, admin.token, "POST", {}, { url: "http://127.0.0.1:9/h", events: ["*"] })).json
        .id as string;
    const [id, other] = [await make(), await make()];
    // Five deliveries, two of them at the same instant: the id breaks the tie, so none is skipped.
    const times = [5, 4, 4, 2, 1].map((m) => new Date(Date.UTC(2026, 0, 1, 0, m)));
    for (const [i, createdAt] of times.entries()) {
      const [event] = await db.insert(events).values({ organizationId, type: "webhook.test", data: { i } }).returning();
      await db.insert(webhookDeliveries).values([
        {
          organizationId,
          endpointId: id,
          eventId: event!.id,
          eventType: "webhook.test",
          status: "delivered",
          createdAt,
        },
        {
          organizationId,
          endpointId: other,
          eventId: event!.id,
          eventType: "webhook.test",
          status: "delivered",
          createdAt,
        },
      ]);
    }
    const list = async (query: string) => {
      const response = await deliveriesRoute.GET(
        new Request(`http://localhost/api/v1/webhooks/${id}/deliveries?${query}`, {
          headers: { authorization: `Bearer ${key}` },
        }),
        { params: Promise.resolve({ id }) },
      );
      return { status: response.status, json: (await response.json()) as Answer["json"] };
    };
    const seen: { id: string; createdAt: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer = await list(`limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(answer.status).toBe(200);
      seen.push(...(answer.json.data as { id: string; createdAt: string }[]));
      cursor = answer.json.nextCursor as string | null;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((d) => d.createdAt)).toEqual(times.map((t) => t.toISOString()));
    expect(new Set(seen.map((d) => d.id)).size).toBe(5);
    const ours = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
    expect(new Set(seen.map((d) => d.id))).toEqual(new Set(ours.map((d) => d.id)));

    expect((await list("status=failed")).json).toEqual({ data: [], nextCursor: null });
    const bad = await list("cursor=garbage");
    expect(bad.status).toBe(400);
    expect(bad.json.error!.fields!.cursor).toMatch(/cursor/);
  });
});
