import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { getDb, type Db } from "@/db/client";
import { readCredentialTokens } from "@/lib/credentials/secrets";
import { getInstance } from "@/lib/instances/service";
import { disconnect } from "@/lib/oauth/disconnect";
import { runRefresh } from "@/lib/refresh/run";
import { refreshSettings } from "@/lib/refresh/settings";
import type { SandboxProvider } from "@/lib/sandbox-provider";
import { deliverDue } from "@/lib/webhooks/deliver";
import { whenDeliveryIdle } from "@/lib/webhooks/kick";
import { createWebhook } from "@/lib/webhooks/service";
import {
  clients,
  connect,
  deployConnection,
  makeOrg,
  sandboxType,
  startTestProvider,
  type Org,
} from "../support/oauth-fixtures";
import { startReceiver, type Receiver } from "../support/webhook-receiver";

// A connection's real life against oidc-provider, heard by a real receiver that verifies every
// signature with the standardwebhooks library: deploying the instance, configuring the connection,
// CONNECT (and CONNECT again), DISCONNECT, a refresh token the provider refuses and the recovery
// after it each arrive as the contract's event.

let db: Db;
let provider: SandboxProvider;
let org: Org;
let receiver: Receiver;
let secret: string;

beforeAll(async () => {
  db = await getDb();
  provider = await startTestProvider();
  org = await makeOrg(db);
  await sandboxType(db, org, provider, { key: "sandbox" });
  receiver = await startReceiver();
  ({ secret } = await createWebhook(
    db,
    { organizationId: org.organizationId, role: "admin" },
    { url: receiver.url, events: ["*"] },
  ));
});

afterAll(async () => {
  await whenDeliveryIdle();
  await receiver.close();
  await provider.close();
});

type Event = { id: string; type: string; data: Record<string, unknown> };

/** Waits until an event of the type has arrived after `from` requests, and returns it verified. */
async function arrived(type: string, from: number): Promise<Event> {
  const deadline = Date.now() + 25_000;
  for (;;) {
    const events = receiver.received.slice(from).map((r) => new Webhook(secret).verify(r.body, r.headers) as Event);
    const found = events.find((e) => e.type === type);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${type} arrived; got ${events.map((e) => e.type).join(", ")}`);
    await deliverDue(db, { maxMs: 5_000 });
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("connection events from the real lifecycle", () => {
  it("deploy, configure, CONNECT, CONNECT again and DISCONNECT each arrive, signed", async () => {
    const start = receiver.received.length;
    const d = await deployConnection(db, org, "sandbox", clients.basic);
    const created = await arrived("instance.created", start);
    expect(created.data).toMatchObject({ instance: { id: d.instanceId }, integration: { id: d.integrationId } });
    const configured = await arrived("connection.configured", start);
    expect(configured.data).toMatchObject({
      instance: { id: d.instanceId, name: d.instanceName },
      connection: { key: "files", configVarId: d.configVarId, connectionType: "sandbox" },
      customer: { id: org.customerId, name: "Initech" },
    });

    const target = { instanceId: d.instanceId, configVarKey: "files" };
    let mark = receiver.received.length;
    expect((await connect(db, provider, org.scope, target, { userId: org.userId })).result).toMatchObject({ ok: true });
    const authorized = await arrived("connection.authorized", mark);
    expect(authorized.data).toMatchObject({ connection: { key: "files", status: expect.any(String) } });

    mark = receiver.received.length;
    expect((await connect(db, provider, org.scope, target, { userId: org.userId })).result).toMatchObject({ ok: true });
    const again = await arrived("connection.authorized", mark);
    expect(again.id).not.toBe(authorized.id);

    mark = receiver.received.length;
    await disconnect(db, org.scope, target);
    const disconnected = await arrived("connection.disconnected", mark);
    expect(disconnected.data).toMatchObject({
      instance: { id: d.instanceId },
      connection: { key: "files", status: "red" },
    });
    // No event carries a secret: neither the client secret nor any token.
    expect(receiver.received.map((r) => r.body).join("\n")).not.toContain(clients.basic.clientSecret);
  });

  it("a refused refresh token arrives as connection.reauthorization_required; CONNECT again as authorized and recovered", async () => {
    const d = await deployConnection(db, org, "sandbox", clients.basic);
    const target = { instanceId: d.instanceId, configVarKey: "files" };
    expect((await connect(db, provider, org.scope, target, { userId: org.userId })).result).toMatchObject({ ok: true });
    const credentialId = (await getInstance(db, org.scope, d.instanceId)).connections[0]!.credentialId!;
    const stored = await readCredentialTokens(db, org.scope, credentialId);
    // The customer revoked the grant at the provider: the next refresh gets invalid_grant.
    await fetch(provider.endpoints.revocation, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${clients.basic.clientId}:${clients.basic.clientSecret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ token: stored!.tokens.refreshToken!, token_type_hint: "refresh_token" }),
    });
    await db.execute(
      sql`update credential_tokens set next_refresh_at = now() - interval '1 second' where credential_id = ${credentialId}`,
    );
    let mark = receiver.received.length;
    await runRefresh(db, { settings: { ...refreshSettings(), windowMs: 600_000 } });
    const refused = await arrived("connection.reauthorization_required", mark);
    expect(refused.data).toMatchObject({
      instance: { id: d.instanceId },
      connection: { status: "red", reason: expect.stringMatching(/invalid_grant/) },
    });
    expect(JSON.stringify(refused)).not.toContain(stored!.tokens.refreshToken!);

    mark = receiver.received.length;
    expect((await connect(db, provider, org.scope, target, { userId: org.userId })).result).toMatchObject({ ok: true });
    await arrived("connection.authorized", mark);
    const recovered = await arrived("connection.recovered", mark);
    expect(recovered.data).toMatchObject({ connection: { status: "green" } });
  });
});
