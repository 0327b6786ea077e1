// npm run bench:webhooks [-- --quick]
// Latchkey's webhook delivery (events written with their deliveries in one statement, the kick
// after commit, claims with a lease, signing, sending through lib/outbound, outcomes fenced on the
// lease) against a baseline that sends the same signed POSTs straight, at the same concurrency,
// without the database. The receiver is local and answers after 20 ms. Ratio (last line): the
// median over the pairs of Latchkey's throughput / the baseline's; target ≥ 0.8. Each Latchkey round
// also reports commit-to-receipt (p50, p99) of events written one by one while the receiver keeps up.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { closeDb, databaseKind, getDb, type Db } from "@/db/client";
import { organizations } from "@/db/schema";
import { env } from "@/lib/env";
import { recordDomainEvents } from "@/lib/webhooks/event-writes";
import { whenDeliveryIdle } from "@/lib/webhooks/kick";
import { newWebhookSecret } from "@/lib/webhooks/secret";
import { sendEvent } from "@/lib/webhooks/send";
import { createWebhook } from "@/lib/webhooks/service";
import { compare, pairCount, quick } from "./lib/pairs";

const COUNT = quick ? 300 : 2_000;
const LATENCY_SAMPLES = quick ? 50 : 200;
const RECEIVER_MS = 20;
const CONCURRENCY = env.LATCHKEY_WEBHOOK_CONCURRENCY;

type Receiver = {
  url: string;
  received: () => number;
  onEvent: (fn: (seq: number, at: number) => void) => void;
  close: () => void;
};

function startReceiver(): Promise<Receiver> {
  let received = 0;
  let listener: (seq: number, at: number) => void = () => {};
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const at = performance.now();
      received++;
      try {
        const seq = (JSON.parse(Buffer.concat(chunks).toString()) as { data?: { seq?: number } }).data?.seq;
        if (typeof seq === "number") listener(seq, at);
      } catch {
        // The baseline's bodies are the same shape; anything else is not counted.
      }
      setTimeout(() => res.writeHead(204).end(), RECEIVER_MS);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
        received: () => received,
        onEvent: (fn) => (listener = fn),
        close: () => server.close(),
      }),
    ),
  );
}

const untilCount = async (r: Receiver, n: number) => {
  while (r.received() < n) await new Promise((resolve) => setTimeout(resolve, 2));
};

/** The same signed POSTs sent straight through the same client, at the same concurrency. */
async function baseline(url: string, secret: string): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < COUNT) {
        const i = next++;
        const id = `evt_${randomUUID().replace(/-/g, "")}`;
        const payload = JSON.stringify({ id, type: "webhook.test", createdAt: new Date().toISOString(), data: { i } });
        const a = await sendEvent(url, { id, payload, secrets: [secret] });
        if (!a.ok) throw new Error(`baseline attempt failed: ${a.error}`);
      }
    }),
  );
  return COUNT / ((performance.now() - start) / 1000);
}

async function latchkey(db: Db, organizationId: string, r: Receiver) {
  await db.execute(sql`delete from events where organization_id = ${organizationId}`);
  await db.execute(sql`vacuum analyze webhook_deliveries`);
  // Throughput: COUNT events committed at once, delivered by the writer's kick alone.
  const before = r.received();
  const start = performance.now();
  await recordDomainEvents(
    db,
    Array.from({ length: COUNT }, (_, i) => ({ organizationId, type: "instance.created" as const, data: { i } })),
  );
  await untilCount(r, before + COUNT);
  const throughput = COUNT / ((performance.now() - start) / 1000);
  await whenDeliveryIdle();
  // Commit to receipt: events written one by one (autocommit), every 25 ms, the receiver keeping up.
  const committed = new Map<number, number>();
  const latencies: number[] = [];
  r.onEvent((seq, at) => {
    const c = committed.get(seq);
    if (c !== undefined) latencies.push(at - c);
  });
  for (let seq = 0; seq < LATENCY_SAMPLES; seq++) {
    await recordDomainEvents(db, [{ organizationId, type: "instance.created", data: { seq } }]);
    committed.set(seq, performance.now());
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  while (latencies.length < LATENCY_SAMPLES) await new Promise((resolve) => setTimeout(resolve, 5));
  await whenDeliveryIdle();
  const s = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { value: throughput, extra: { "commit-to-receipt p50 ms": at(0.5), "commit-to-receipt p99 ms": at(0.99) } };
}

async function main() {
  const db = await getDb();
  const r = await startReceiver();
  const [org] = await db
    .insert(organizations)
    .values({ name: "Webhook bench", slug: `webhook-bench-${randomUUID()}` })
    .returning();
  await createWebhook(db, { organizationId: org!.id, role: "admin" }, { url: r.url, events: ["*"] });
  const secret = newWebhookSecret();
  await compare(
    {
      bench: "webhooks",
      ratioName: "Latchkey/baseline",
      unit: "deliveries/s",
      pairs: pairCount(),
      target: { op: "≥", value: 0.8 },
      database: await databaseKind(),
      setting: `${COUNT} events, receiver latency ${RECEIVER_MS} ms, concurrency ${CONCURRENCY}`,
    },
    { label: "baseline (signed POSTs, no database)", run: async () => ({ value: await baseline(r.url, secret) }) },
    { label: "Latchkey delivery", run: () => latchkey(db, org!.id, r) },
  );
  r.close();
  await closeDb();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
