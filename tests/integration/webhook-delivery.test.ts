import { randomUUID } from "node:crypto";
import { and, eq, isNull, type SQL } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { events, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { recordEvent, type ConnectionEvent } from "@/lib/connections/events";
import { listOutbox } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { insertUser } from "@/lib/users/queries";
import { deliverDue } from "@/lib/webhooks/deliver";
import { whenDeliveryIdle } from "@/lib/webhooks/kick";
import { listDeliveries, retryDelivery, sendTestEvent } from "@/lib/webhooks/deliveries";
import { pruneWebhookHistory, webhookBacklog } from "@/lib/webhooks/round";
import { createWebhook, rotateWebhookSecret, type WebhookActor } from "@/lib/webhooks/service";
import { makeConnectionWorld, type ConnectionWorld } from "@/tests/support/connection-world";
import { startSmtpPeer } from "@/tests/support/smtp-peer";
import { startReceiver, type Receiver, type Received } from "@/tests/support/webhook-receiver";

// Delivery against a real receiver on 127.0.0.1 that verifies every signature with the
// standardwebhooks library: sent right after the change commits, nothing for a rollback, retries
// with the same webhook-id, timeouts, redirects and huge answers, the lease under concurrent
// sweepers, secret rotation, the test event, disabling after 3 days, and retention.
// The integration project shortens the retry schedule (LATCHKEY_WEBHOOK_RETRY_SCALE).

let db: Db;
const receivers: Receiver[] = [];
beforeAll(async () => {
  db = await getDb();
});
afterAll(async () => {
  // Kicked rounds finish their attempts (a hanging receiver within the 2 s timeout) before the
  // receivers and then the database close.
  await whenDeliveryIdle();
  await Promise.all(receivers.map((r) => r.close()));
});

async function receiver() {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

/** Waits for `check` to hold, sweeping (as the scheduler would) between looks. */
async function until<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string): Promise<T> {
  const deadline = Date.now() + 25_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting: ${what}`);
    await deliverDue(db, { maxMs: 5_000 });
    await new Promise((r) => setTimeout(r, 25));
  }
}

type World = ConnectionWorld & { actor: WebhookActor };

/** The connection world, and its organization's admin as the actor of the webhook services. */
async function makeWorld(): Promise<World> {
  const w = await makeConnectionWorld(db, { name: "Acme", externalId: "acme-1" });
  return { ...w, actor: { organizationId: w.organizationId, role: "admin" } };
}

const authorized = (w: World): ConnectionEvent => ({
  organizationId: w.actor.organizationId,
  customerId: w.customerId,
  credentialId: w.credentialId,
  name: "token exchanged",
  level: "info",
  message: "Tokens received",
  outcome: { ok: true },
});

const verify = (secret: string, r: Received) =>
  new Webhook(secret).verify(r.body, r.headers) as Record<string, unknown>;

const deliveriesOf = (endpointId: string) =>
  db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));

describe("webhook delivery", () => {
  it("sends a connection event right after its change commits, signed, with the contract's shape", async () => {
    const w = await makeWorld();
    const r = await receiver();
    const { id, secret } = await createWebhook(db, w.actor, { url: r.url, events: ["connection.authorized"] });
    await db.transaction(async (tx) => {
      await recordEvent(tx, authorized(w));
      // Not before the commit: the kick waits for the transaction.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(r.received).toHaveLength(0);
    });
    // No sweep here: the kick of the writing process alone delivers it.
    const deadline = Date.now() + 20_000;
    while (r.received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(r.received).toHaveLength(1);
    const payload = verify(secret, r.received[0]!);
    const [event] = await db.select().from(events).where(eq(events.organizationId, w.actor.organizationId));
    expect(r.received[0]!.headers["webhook-id"]).toBe(event!.id);
    expect(payload).toMatchObject({
      id: event!.id,
      type: "connection.authorized",
      organizationId: w.actor.organizationId,
      data: {
        instance: { id: w.instanceId, name: "Acme sync" },
        customer: { id: w.customerId, name: "Acme", externalId: "acme-1" },
        connection: { key: "crm", status: "green" },
      },
    });
    const [delivery] = await until(async () => {
      const { data: list } = await listDeliveries(db, w.actor, id, { limit: 10 });
      return list[0]?.status === "delivered" && list;
    }, "delivered");
    expect(delivery).toMatchObject({
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
      eventType: "connection.authorized",
    });
  });

  it("sends nothing for a change that rolled back, nor to an endpoint that does not want the type or is another organization's", async () => {
    const w = await makeWorld();
    const other = await makeWorld();
    const r = await receiver();
    const wanted = await createWebhook(db, w.actor, { url: r.url, events: ["connection.authorized"] });
    const unwanted = await createWebhook(db, w.actor, { url: r.url, events: ["credential.created"] });
    const theirs = await createWebhook(db, other.actor, { url: r.url, events: ["*"] });
    await expect(
      db.transaction(async (tx) => {
        await recordEvent(tx, authorized(w));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await deliverDue(db);
    expect(await deliveriesOf(wanted.id)).toEqual([]);
    await recordEvent(db, { ...authorized(w), name: "disconnected", outcome: undefined });
    await deliverDue(db);
    expect(r.received).toHaveLength(0);
    expect(await deliveriesOf(unwanted.id)).toEqual([]);
    expect(await deliveriesOf(theirs.id)).toEqual([]);
  });

  it("retries a receiver that fails 3 times, with the same webhook-id, and delivers on the 4th attempt", async () => {
    const w = await makeWorld();
    const r = await receiver();
    r.answer = (_, n) => ({ status: n <= 3 ? 500 : 204 });
    const { id, secret } = await createWebhook(db, w.actor, { url: r.url, events: ["*"] });
    await recordEvent(db, authorized(w));
    const [d] = await until(async () => {
      const rows = await deliveriesOf(id);
      return rows[0]?.status === "delivered" && rows;
    }, "delivered after retries");
    expect(r.received).toHaveLength(4);
    expect(new Set(r.received.map((x) => x.headers["webhook-id"])).size).toBe(1);
    for (const x of r.received) verify(secret, x);
    expect(d).toMatchObject({ attempts: 4, lastStatusCode: 204, lastError: null });
  });

  it("fails an attempt that hangs, redirects or answers a huge body, with the reason in the log; nothing else waits", async () => {
    const w = await makeWorld();
    const answers = {
      hang: { hang: true },
      redirect: { status: 302, location: "http://127.0.0.1:1/" },
      huge: { body: "x".repeat(200_000) },
      fine: { status: 200 },
    };
    const endpoints: Record<string, { id: string; r: Receiver }> = {};
    for (const [name, answer] of Object.entries(answers)) {
      const r = await receiver();
      r.answer = () => answer;
      endpoints[name] = { id: (await createWebhook(db, w.actor, { url: r.url, events: ["*"] })).id, r };
    }
    await recordEvent(db, authorized(w));
    const firstTry = async (name: string) =>
      until(async () => {
        const [row] = await deliveriesOf(endpoints[name]!.id);
        return row && row.attempts >= 1 && row.leaseUntil === null && row;
      }, `${name}: first attempt written`);
    const fine = await firstTry("fine");
    expect(fine.status).toBe("delivered");
    // The good endpoint got its event while the hanging one was still being waited for.
    expect(endpoints.fine!.r.received[0]!.at).toBeLessThan(endpoints.hang!.r.received[0]!.at + 2_000);
    expect((await firstTry("hang")).lastError).toMatch(/No answer within 2 seconds/);
    expect((await firstTry("redirect")).lastError).toMatch(/302, a redirect/);
    expect((await firstTry("huge")).lastError).toMatch(/larger than 64 KiB/);
  });

  it("an endpoint whose signing secret cannot be opened fails its own deliveries; everyone else's go out", async () => {
    const broken = await makeWorld();
    const fine = await makeWorld();
    const r = await receiver();
    const bad = await createWebhook(db, broken.actor, { url: r.url, events: ["*"] });
    const good = await createWebhook(db, fine.actor, { url: r.url, events: ["*"] });
    // Sealed for another endpoint of another organization: it opens under neither's key.
    const [sealed] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, good.id));
    await db
      .update(webhookEndpoints)
      .set({ secretCiphertext: sealed!.secretCiphertext })
      .where(eq(webhookEndpoints.id, bad.id));
    await recordEvent(db, authorized(broken));
    await recordEvent(db, authorized(fine));
    await until(async () => (await deliveriesOf(good.id))[0]?.status === "delivered", "the good endpoint's delivery");
    const [failed] = await until(async () => {
      const rows = await deliveriesOf(bad.id);
      return rows[0] && rows[0].attempts >= 1 && rows;
    }, "the broken endpoint's attempt");
    expect(failed).toMatchObject({ status: "pending", lastError: expect.stringMatching(/could not be decrypted/) });
    expect(r.received.map((x) => x.headers["webhook-id"])).toHaveLength(1);
    // Its retries would go on failing through the rest of the run: given up on, between attempts.
    await giveUpBetweenAttempts(eq(webhookDeliveries.endpointId, bad.id));
  });

  it("never sends one delivery twice at once under concurrent sweepers", async () => {
    const w = await makeWorld();
    const r = await receiver();
    r.answer = () => ({ status: 200, delayMs: 30 });
    const { id } = await createWebhook(db, w.actor, { url: r.url, events: ["*"] });
    await db.transaction(async (tx) => {
      for (let i = 0; i < 40; i++) await recordEvent(tx, { ...authorized(w), name: "configured", outcome: undefined });
    });
    await Promise.all([
      deliverDue(db, { concurrency: 4 }),
      deliverDue(db, { concurrency: 4 }),
      deliverDue(db, { concurrency: 4 }),
    ]);
    await until(async () => (await deliveriesOf(id)).every((d) => d.status === "delivered"), "all delivered");
    const ids = r.received.map((x) => x.headers["webhook-id"]);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    expect(r.maxInFlightPerId()).toBe(1);
  });

  it("signs with both secrets for the overlap after a rotation, and with the new one only after it", async () => {
    const w = await makeWorld();
    const r = await receiver();
    const { id, secret: old } = await createWebhook(db, w.actor, { url: r.url, events: ["webhook.test"] });
    const { secret: fresh } = await rotateWebhookSecret(db, w.actor, id);
    await sendTestEvent(db, w.actor, id);
    await until(() => r.received.length === 1, "first test event");
    const first = r.received[0]!;
    expect(first.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(verify(old, first)).toMatchObject({ type: "webhook.test" });
    expect(verify(fresh, first)).toMatchObject({ type: "webhook.test" });

    await db
      .update(webhookEndpoints)
      .set({ previousSecretExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(webhookEndpoints.id, id));
    await sendTestEvent(db, w.actor, id);
    await until(() => r.received.length === 2, "second test event");
    const second = r.received[1]!;
    expect(verify(fresh, second)).toMatchObject({ type: "webhook.test", data: { endpoint: { id } } });
    expect(() => verify(old, second)).toThrow();
  });

  it("Retry now sends a failed delivery again", async () => {
    const w = await makeWorld();
    const r = await receiver();
    r.answer = () => ({ status: 500 });
    const { id } = await createWebhook(db, w.actor, { url: r.url, events: ["*"] });
    const { deliveryId } = await sendTestEvent(db, w.actor, id);
    await until(() => r.received.length >= 1, "first attempt");
    await giveUpBetweenAttempts(eq(webhookDeliveries.id, deliveryId));
    r.answer = () => ({ status: 200 });
    const retried = await retryDelivery(db, w.actor, id, deliveryId);
    expect(retried.status).toBe("pending");
    await until(async () => (await deliveriesOf(id))[0]?.status === "delivered", "delivered on retry");
    await expect(retryDelivery(db, { ...w.actor, role: "viewer" }, id, deliveryId)).rejects.toThrow(/admins/);
  });

  /**
   * Marks the chosen deliveries failed, as after their last attempt: only between attempts (no lease
   * held), or the attempt in flight would write its own outcome over it.
   */
  async function giveUpBetweenAttempts(which: SQL) {
    await until(async () => {
      const rows = await db
        .update(webhookDeliveries)
        .set({ status: "failed", nextAttemptAt: null })
        .where(and(which, isNull(webhookDeliveries.leaseUntil)))
        .returning();
      return rows.length > 0 && rows;
    }, "given up between attempts");
  }

  /** An endpoint of a new organization with one admin, failing for 3 days, sent one more event. */
  async function failingForThreeDays() {
    const w = await makeWorld();
    const adminEmail = `admin-${randomUUID()}@hooks.example`;
    await insertUser(db, w.actor.organizationId, {
      email: adminEmail,
      name: "Admin",
      role: "admin",
      customerId: null,
      passwordHash: "unused",
    });
    const r = await receiver();
    r.answer = () => ({ status: 503 });
    const { id } = await createWebhook(db, w.actor, { url: r.url, events: ["*"] });
    await db
      .update(webhookEndpoints)
      .set({ failingSince: new Date(Date.now() - 3 * 86_400_000 - 60_000) })
      .where(eq(webhookEndpoints.id, id));
    await sendTestEvent(db, w.actor, id);
    await until(async () => {
      const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
      return row?.enabled === false && row;
    }, "endpoint disabled");
    return { w, adminEmail };
  }

  const outboxOf = (organizationId: string) =>
    listOutbox(db, organizationId).then((mail) => mail.filter((m) => m.subject === "A webhook endpoint was disabled"));

  it("disables an endpoint failing for 3 days and, without SMTP, tells the admins in the outbox", async () => {
    const { w, adminEmail } = await failingForThreeDays();
    const mail = await outboxOf(w.actor.organizationId);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to).toBe(adminEmail);
    expect(mail[0]!.text).toMatch(/failed for 3 days/);
  });

  it("with SMTP set, also e-mails each admin, and still keeps the message in the outbox", async () => {
    const peer = await startSmtpPeer();
    const previous = env.SMTP_URL;
    try {
      env.SMTP_URL = peer.url;
      const { w, adminEmail } = await failingForThreeDays();
      const mail = await outboxOf(w.actor.organizationId);
      expect(mail).toHaveLength(1);
      expect(mail[0]!.to).toBe(adminEmail);
      const deadline = Date.now() + 20_000;
      while (!peer.received.some((m) => m.to.includes(adminEmail)) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 25));
      const sent = peer.received.filter((m) => m.to.includes(adminEmail));
      expect(sent).toHaveLength(1);
      expect(sent[0]!.raw).toContain("A webhook endpoint was disabled");
    } finally {
      env.SMTP_URL = previous;
      await peer.close();
    }
  });

  it("the health route's backlog counts pending deliveries and names the oldest", async () => {
    const w = await makeWorld();
    const r = await receiver();
    r.answer = () => ({ status: 500 });
    const { id } = await createWebhook(db, w.actor, { url: r.url, events: ["*"] });
    await sendTestEvent(db, w.actor, id);
    await until(() => r.received.length >= 1, "first attempt");
    const backlog = await webhookBacklog(db);
    expect(backlog.pending).toBeGreaterThanOrEqual(1);
    expect(new Date(backlog.oldestPendingAt!).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("keeps events and their deliveries 30 days", async () => {
    const w = await makeWorld();
    const [old] = await db
      .insert(events)
      .values({
        organizationId: w.actor.organizationId,
        type: "webhook.test",
        data: {},
        createdAt: new Date(Date.now() - 31 * 86_400_000),
      })
      .returning();
    const [recent] = await db
      .insert(events)
      .values({
        organizationId: w.actor.organizationId,
        type: "webhook.test",
        data: {},
        createdAt: new Date(Date.now() - 29 * 86_400_000),
      })
      .returning();
    await pruneWebhookHistory(db);
    const left = await db
      .select({ id: events.id })
      .from(events)
      .where(and(eq(events.organizationId, w.actor.organizationId)));
    expect(left.map((e) => e.id)).toEqual([recent!.id]);
    expect(left.map((e) => e.id)).not.toContain(old!.id);
  });
});
