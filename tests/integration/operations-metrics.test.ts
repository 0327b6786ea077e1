import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, type Db } from "@/db/client";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { env } from "@/lib/env";
import { getInstance } from "@/lib/instances/service";
import { createWebhook } from "@/lib/webhooks/service";
import { events, webhookDeliveries } from "@/db/schema";
import { runRefresh } from "@/lib/refresh/run";
import { startSandboxProvider, type SandboxProvider } from "@/lib/sandbox-provider";
import * as metricsRoute from "@/app/api/metrics/route";
import * as valuesRoute from "@/app/api/v1/instances/[id]/connections/[key]/values/route";
import {
  CALLBACK,
  clients,
  connect,
  deployConnection,
  makeOrg,
  sandboxType,
  type Org,
} from "../support/oauth-fixtures";
import { makeOpsWorld, type OpsWorld } from "../support/ops-world";

// The Prometheus endpoint as a scraper reaches it: closed without its token, and after a real
// refresh (against oidc-provider) and runtime calls, the figures they moved; no label or value
// carries a secret, a customer's or organization's name, or an id.

const TOKEN = vi.hoisted(() => {
  const token = "metrics-token-for-the-integration-tests";
  process.env.METRICS_TOKEN = token;
  return token;
});

let db: Db;
let w: OpsWorld;
let provider: SandboxProvider;
let org: Org;
beforeAll(async () => {
  db = await getDb();
  w = await makeOpsWorld(db);
  provider = await startSandboxProvider({ clients: [{ ...clients.basic, redirectUris: [CALLBACK] }] });
  org = await makeOrg(db);
  await sandboxType(db, org, provider, { key: "sandbox_metrics" });
});
afterAll(() => provider.close());

const scrape = async (authorization?: string) =>
  metricsRoute.GET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));

// The value of one sample line (`name{labels} value`), or undefined when it is not there.
function sample(text: string, line: string): number | undefined {
  const found = text.split("\n").find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

const values = (instanceId: string, key: string, token: string) =>
  valuesRoute.GET(
    new Request(`http://localhost/api/v1/instances/${instanceId}/connections/${key}/values`, {
      headers: { authorization: `Bearer ${token}` },
    }),
    { params: Promise.resolve({ id: instanceId, key }) },
  );

describe("GET /api/metrics", () => {
  it("is closed: 404 while METRICS_TOKEN is unset, 401 without it or with a wrong one", async () => {
    const saved = env.METRICS_TOKEN;
    env.METRICS_TOKEN = undefined;
    try {
      expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
    } finally {
      env.METRICS_TOKEN = saved;
    }
    expect((await scrape()).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(`Basic ${Buffer.from(`u:${TOKEN}`).toString("base64")}`)).status).toBe(401);
    const ok = await scrape(`Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toContain("text/plain");
  });

  it("counts a refresh, runtime calls by outcome, sign-in failures, and measures the database", async () => {
    const before = await (await scrape(`Bearer ${TOKEN}`)).text();
    const d = await deployConnection(db, org, "sandbox_metrics", clients.basic);
    await connect(db, provider, org.scope, { instanceId: d.instanceId, configVarKey: "files" }, { userId: org.userId });
    const credentialId = (await getInstance(db, org.scope, d.instanceId)).connections[0]!.credentialId!;
    await db.execute(
      sql`update credential_tokens set next_refresh_at = now() - interval '1 second' where credential_id = ${credentialId}`,
    );
    const run = await runRefresh(db);
    expect(run.refreshed).toBeGreaterThanOrEqual(1);

    expect((await values(w.instanceId, "api", w.keys.runtime)).status).toBe(200);
    expect((await values(w.instanceId, "nope", w.keys.runtime)).status).toBe(404);
    expect((await values(w.instanceId, "api", "lk_wrong_key_0123456789abcdef")).status).toBe(401);
    await expect(
      signInWithPassword(db, { email: "nobody@example.com", password: "wrong" }, "203.0.113.9"),
    ).rejects.toThrow();

    const after = await (await scrape(`Bearer ${TOKEN}`)).text();
    const grew = (line: string) => (sample(after, line) ?? 0) - (sample(before, line) ?? 0);
    expect(grew("latchkey_refresh_runs_total")).toBeGreaterThanOrEqual(1);
    expect(grew('latchkey_refreshes_total{outcome="refreshed"}')).toBeGreaterThanOrEqual(1);
    expect(grew('latchkey_refresh_duration_seconds_count{outcome="refreshed"}')).toBeGreaterThanOrEqual(1);
    expect(grew('latchkey_runtime_calls_total{outcome="ok"}')).toBeGreaterThanOrEqual(1);
    expect(grew('latchkey_runtime_calls_total{outcome="not_found"}')).toBeGreaterThanOrEqual(1);
    expect(grew('latchkey_runtime_calls_total{outcome="refused"}')).toBeGreaterThanOrEqual(1);
    expect(grew('latchkey_runtime_call_duration_seconds_count{outcome="ok"}')).toBeGreaterThanOrEqual(1);
    expect(after).toMatch(/^latchkey_runtime_call_duration_seconds_bucket\{le="0\.05",outcome="ok"\} \d+$/m);
    expect(grew('latchkey_sign_in_failures_total{reason="wrong_credentials"}')).toBeGreaterThanOrEqual(1);
    expect(sample(after, "latchkey_connections_due")).toBeGreaterThanOrEqual(0);
    expect(sample(after, "latchkey_connections_overdue")).toBeGreaterThanOrEqual(0);
    expect(sample(after, "latchkey_webhook_deliveries_pending")).toBeGreaterThanOrEqual(0);
    expect(sample(after, "latchkey_database_up")).toBe(1);
    expect(sample(after, "latchkey_database_pool_max")).toBeGreaterThanOrEqual(1);
    expect(after).toContain("latchkey_process_resident_memory_bytes");

    // Nothing that names or opens a tenant's things.
    for (const leak of [
      w.secret,
      w.organizationId,
      w.instanceId,
      "Customer Ops",
      "Operations",
      org.scope.organizationId,
    ])
      expect(after).not.toContain(leak);
  });

  it("counts failed webhook deliveries and the age of the oldest, naming no endpoint", async () => {
    const actor = { organizationId: w.organizationId, role: "admin" as const };
    const endpoint = await createWebhook(db, actor, { url: "http://127.0.0.1:9/metrics-hook", events: ["*"] });
    const [event] = await db
      .insert(events)
      .values({ organizationId: w.organizationId, type: "webhook.test", data: {} })
      .returning();
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await db.insert(webhookDeliveries).values({
      organizationId: w.organizationId,
      endpointId: endpoint.id,
      eventId: event!.id,
      eventType: "webhook.test",
      status: "failed",
      attempts: 10,
      createdAt: twoHoursAgo,
    });
    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(text).toContain("# TYPE latchkey_webhook_deliveries_failed gauge");
    expect(sample(text, "latchkey_webhook_deliveries_failed")).toBeGreaterThanOrEqual(1);
    expect(sample(text, "latchkey_webhook_oldest_failed_age_seconds")).toBeGreaterThanOrEqual(2 * 3600 - 60);
    for (const leak of [endpoint.id, endpoint.secret, "metrics-hook", w.organizationId])
      expect(text).not.toContain(leak);
  });
});
