import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { connectionLogs, credentials, credentialTokens } from "@/db/schema";
import { runRefresh } from "@/lib/refresh/run";
import { webhookBacklog } from "@/lib/ops/webhook-backlog";
import { runWebhookRound } from "@/lib/webhooks/round";
import { proxy } from "@/proxy";
import * as healthRoute from "@/app/api/health/route";
import * as connectionRoute from "@/app/api/v1/instances/[id]/connections/[key]/route";
import * as valuesRoute from "@/app/api/v1/instances/[id]/connections/[key]/values/route";
import { makeOpsWorld, type OpsWorld } from "@/tests/support/ops-world";

// Health as a load balancer and an operator read it, and the request id from the proxy to the
// connection log rows written while serving the request.

let db: Db;
let w: OpsWorld;
beforeAll(async () => {
  db = await getDb();
  w = await makeOpsWorld(db);
});

type Health = {
  ok: boolean;
  database: string;
  refresh: { lastRunAt: string | null; overdue: boolean };
  webhooks: { pending: number; oldestPendingAt: string | null; lastRunAt: string | null };
};

async function health(): Promise<{ status: number; body: Health }> {
  const response = await healthRoute.GET(new Request("http://localhost/api/health"));
  return { status: response.status, body: (await response.json()) as Health };
}

describe("/api/health", () => {
  it("says the database answers, when refresh and webhook delivery last ran, and the webhook backlog", async () => {
    const before = Date.now();
    await runRefresh(db);
    await runWebhookRound(db, { maxMs: 5_000 });
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(["pglite", "postgres"]).toContain(body.database);
    expect(new Date(body.refresh.lastRunAt!).getTime()).toBeGreaterThanOrEqual(before - 5_000);
    const { lastRunAt, ...backlog } = body.webhooks;
    expect(backlog).toEqual(await webhookBacklog(db));
    expect(new Date(lastRunAt!).getTime()).toBeGreaterThanOrEqual(before - 5_000);
  });

  it("reports refresh overdue while a token has waited past the grace period", async () => {
    const [credential] = await db
      .insert(credentials)
      .values({ organizationId: w.organizationId, label: "overdue", authMethod: "oauth2", complete: true })
      .returning();
    try {
      await db.insert(credentialTokens).values({
        credentialId: credential!.id,
        organizationId: w.organizationId,
        grantType: "authorization_code",
        tokensCiphertext: "sealed",
        hasRefreshToken: true,
        nextRefreshAt: new Date(Date.now() - 3_600_000),
        // Leased, so that no refresh run of another test takes it meanwhile.
        leaseHolder: randomUUID(),
        leaseUntil: new Date(Date.now() + 600_000),
      });
      expect((await health()).body.refresh.overdue).toBe(true);
    } finally {
      await db.delete(credentials).where(eq(credentials.id, credential!.id));
    }
    expect((await health()).body.refresh.overdue).toBe(false);
  });
});

describe("request ids", () => {
  it("the proxy keeps a plain X-Request-Id, forwards it and answers with it", async () => {
    const response = await proxy(
      new NextRequest("http://localhost/api/health", { headers: { "x-request-id": "lb-trace-0001" } }),
    );
    expect(response.headers.get("x-request-id")).toBe("lb-trace-0001");
    expect(response.headers.get("x-middleware-request-x-request-id")).toBe("lb-trace-0001");
  });

  it("the proxy replaces an id that could forge a log line", async () => {
    const response = await proxy(
      new NextRequest("http://localhost/api/health", { headers: { "x-request-id": 'x" level="fatal" forged' } }),
    );
    const id = response.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("x-middleware-request-x-request-id")).toBe(id);
  });

  it("goes into the connection log rows written while serving the request", async () => {
    const requestId = `req-${randomUUID()}`;
    const put = await connectionRoute.PUT(
      new Request(`http://localhost/api/v1/instances/${w.instanceId}/connections/api`, {
        method: "PUT",
        headers: { authorization: `Bearer ${w.keys.admin}`, "x-request-id": requestId },
        body: JSON.stringify({ values: { api_key: "another-key-value" } }),
      }),
      { params: Promise.resolve({ id: w.instanceId, key: "api" }) },
    );
    expect(put.status).toBe(200);
    const used = `req-${randomUUID()}`;
    const values = await valuesRoute.GET(
      new Request(`http://localhost/api/v1/instances/${w.instanceId}/connections/api/values`, {
        headers: { authorization: `Bearer ${w.keys.runtime}`, "x-request-id": used },
      }),
      { params: Promise.resolve({ id: w.instanceId, key: "api" }) },
    );
    expect(values.status).toBe(200);
    const rows = await db
      .select({ event: connectionLogs.event, requestId: connectionLogs.requestId })
      .from(connectionLogs)
      .where(and(eq(connectionLogs.organizationId, w.organizationId), eq(connectionLogs.instanceId, w.instanceId)));
    expect(rows).toContainEqual({ event: "updated", requestId });
    expect(rows).toContainEqual({ event: "used", requestId: used });
  });
});
