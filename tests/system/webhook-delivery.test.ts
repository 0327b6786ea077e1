import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { events, organizations, webhookDeliveries } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/service";
import { createWebhook } from "@/lib/webhooks/service";
import { startReceiver, type Receiver } from "../support/webhook-receiver";
import { startAppServer, type AppServer } from "./servers";

// Delivery as it runs in production: two `next start` servers on one PostgreSQL, 500 events made
// through the API of both, a receiver that flaps, and one server killed in the middle of delivering.
// Every event must arrive at least once, signed; a duplicate is only ever a retry (the same
// webhook-id, the same body).

const EVENTS = 500;

let db: Db;
let a: AppServer;
let b: AppServer;
let receiver: Receiver;
let organizationId: string;
let apiKey: string;
let secret: string;

// Short retries and timeouts so that the day of retries fits the test; each server sweeps itself.
const serverEnv = {
  LATCHKEY_REFRESH_SCHEDULER: "true",
  LATCHKEY_WEBHOOK_RETRY_SCALE: "0.01",
  LATCHKEY_WEBHOOK_TIMEOUT_SECONDS: "2",
};

beforeAll(async () => {
  db = await getDb();
  const [org] = await db
    .insert(organizations)
    .values({ name: "Hooks system", slug: `hooks-${randomUUID()}` })
    .returning();
  organizationId = org!.id;
  apiKey = (await createApiKey(db, organizationId, null, { name: "system", role: "admin" })).token;
  receiver = await startReceiver();
  ({ secret } = await createWebhook(db, { organizationId, role: "admin" }, { url: receiver.url, events: ["*"] }));
  [a, b] = await Promise.all([startAppServer(serverEnv), startAppServer(serverEnv)]);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await receiver?.close();
});

const createCredential = (server: AppServer, i: number) =>
  fetch(`${server.url}/api/v1/credentials`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ label: `Key ${i}`, authMethod: "api_key", values: { api_key: `secret-${i}` } }),
  }).catch(() => null);

describe("webhook delivery on two servers", () => {
  it("delivers every one of 500 events at least once while the receiver flaps and a server is killed", async () => {
    // Flapping: a fifth of the answers are 500s, some hang past the timeout.
    receiver.answer = (_, n) => (n % 5 === 0 ? { status: 500 } : n % 23 === 0 ? { hang: true } : { status: 200 });
    const made: Promise<unknown>[] = [];
    for (let i = 0; i < EVENTS; i++) {
      made.push(createCredential(i % 2 === 0 ? a : b, i));
      if (i % 20 === 19) await Promise.all(made.splice(0));
      // Server a dies halfway, with deliveries of its own in flight; its leases expire and b takes them.
      if (i === EVENTS / 2) await a.stop("SIGKILL");
    }
    await Promise.all(made);
    // The events are what committed (a request to the killed server may have failed before its commit).
    const written = await db.select({ id: events.id }).from(events).where(eq(events.organizationId, organizationId));
    expect(written.length).toBeGreaterThanOrEqual(EVENTS / 2);
    const expected = new Set(written.map((e) => e.id));

    // The receiver recovers; everything not yet delivered must now arrive (retries, b's sweeps).
    receiver.answer = () => ({ status: 200 });
    const deadline = Date.now() + 100_000;
    const arrived = () => new Set(receiver.received.map((r) => r.headers["webhook-id"]));
    while ([...expected].some((id) => !arrived().has(id)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 500));
    const received = new Map<string, string[]>();
    for (const r of receiver.received) {
      new Webhook(secret).verify(r.body, r.headers);
      const id = r.headers["webhook-id"]!;
      received.set(id, [...(received.get(id) ?? []), r.body]);
    }
    const missing = [...expected].filter((id) => !received.has(id));
    expect(missing).toEqual([]);
    // A duplicate is a retry of the same event: same webhook-id, same body; nothing unknown arrived.
    for (const [id, bodies] of received) {
      expect(expected.has(id)).toBe(true);
      expect(new Set(bodies).size).toBe(1);
    }
    const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.organizationId, organizationId));
    await expect
      .poll(
        async () => {
          const now = await db
            .select()
            .from(webhookDeliveries)
            .where(eq(webhookDeliveries.organizationId, organizationId));
          return now.filter((d) => d.status !== "delivered").length;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(0);
    expect(rows.length).toBe(expected.size);
  });
});
