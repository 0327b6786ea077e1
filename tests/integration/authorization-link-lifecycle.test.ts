import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { authorizationLinks, outboxEmails } from "@/db/schema";
import {
  openAuthorizationLink,
  revokeAuthorizationLink,
  sendAuthorizationLink,
  listOutstandingLinks,
} from "@/lib/authorization-links/service";
import { readCredentialTokens } from "@/lib/credentials/secrets";
import { encryptForTenant } from "@/lib/crypto/tenant-keys";
import { listOutbox } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { getInstance } from "@/lib/instances/service";
import { handleCallback } from "@/lib/oauth/callback";
import { startFromPage } from "@/lib/oauth/page-start";
import type { SandboxProvider } from "@/lib/sandbox-provider";
import {
  clients,
  deployConnection,
  makeOrg,
  sandboxType,
  startTestProvider,
  type Org,
} from "../support/oauth-fixtures";
import { authorizeAtProvider } from "../support/provider-session";

// An authorization link against a real provider: it completes once (its other flows are void), an
// integrator can revoke it, and only the organization's team sends one.

let db: Db;
let provider: SandboxProvider;
let org: Org;
const previousSmtp = env.SMTP_URL;

beforeAll(async () => {
  db = await getDb();
  env.SMTP_URL = undefined;
  provider = await startTestProvider();
  org = await makeOrg(db);
  await sandboxType(db, org, provider, { key: "sandbox" });
});

afterAll(async () => {
  env.SMTP_URL = previousSmtp;
  await provider.close();
});

const sameOrigin = () => new Headers({ origin: new URL(env.baseUrl).origin, "sec-fetch-site": "same-origin" });
const linkForm = (token: string) => async () => {
  const f = new FormData();
  f.set("link", token);
  return f;
};

async function linked() {
  const d = await deployConnection(db, org, "sandbox", clients.basic);
  const credentialId = (await getInstance(db, org.scope, d.instanceId)).connections[0]!.credentialId!;
  const sent = await sendAuthorizationLink(
    db,
    org.scope,
    { credentialId, instanceId: d.instanceId, connectionKey: "files", what: "Files" },
    `it-${randomUUID()}@customer.example`,
    org.userId,
  );
  const token = sent.link!.slice(sent.link!.lastIndexOf("/") + 1);
  const press = async () => {
    const started = await startFromPage(db, sameOrigin(), linkForm(token), async () => null);
    expect(started.kind).toBe("provider");
    return (started as { url: string }).url;
  };
  return { ...d, credentialId, sent, token, press };
}

describe("an authorization link", () => {
  it("completes once: the first flow to finish voids the link's other flows, which store nothing", async () => {
    const l = await linked();
    const [first, second] = [await l.press(), await l.press()];
    const [backFirst, backSecond] = [
      await authorizeAtProvider(first, provider.url, { login: "first" }),
      await authorizeAtProvider(second, provider.url, { login: "second" }),
    ];
    expect(await handleCallback(db, backSecond.searchParams)).toMatchObject({ ok: true });
    const stored = (await readCredentialTokens(db, org.scope, l.credentialId))!;
    expect(await handleCallback(db, backFirst.searchParams)).toMatchObject({ ok: false });
    expect((await readCredentialTokens(db, org.scope, l.credentialId))!.tokens.accessToken).toBe(
      stored.tokens.accessToken,
    );
    expect(await openAuthorizationLink(db, l.token)).toEqual({ ok: false, problem: "used" });
    expect(await listOutstandingLinks(db, org.scope, l.credentialId)).toEqual([]);
  });

  it("revoked by an integrator, opens nothing and its flow in progress stores nothing", async () => {
    const l = await linked();
    expect((await listOutstandingLinks(db, org.scope, l.credentialId)).map((x) => x.id)).toEqual([l.sent.id]);
    const url = await l.press();
    const back = await authorizeAtProvider(url, provider.url);
    expect(await revokeAuthorizationLink(db, org.scope, l.sent.id, org.userId)).toMatchObject({ id: l.sent.id });
    expect(await handleCallback(db, back.searchParams)).toMatchObject({ ok: false });
    expect(await readCredentialTokens(db, org.scope, l.credentialId)).toBeUndefined();
    expect(await openAuthorizationLink(db, l.token)).toEqual({ ok: false, problem: "revoked" });
    expect(await startFromPage(db, sameOrigin(), linkForm(l.token), async () => null)).toMatchObject({
      kind: "refused",
      status: 410,
    });
    expect(await listOutstandingLinks(db, org.scope, l.credentialId)).toEqual([]);
    // Revoking again, from a customer's scope, or from another organization finds nothing to revoke.
    await expect(revokeAuthorizationLink(db, org.scope, l.sent.id, org.userId)).rejects.toThrow(
      /No such authorization link/,
    );
    const other = await makeOrg(db);
    const fresh = await linked();
    await expect(revokeAuthorizationLink(db, other.scope, fresh.sent.id, other.userId)).rejects.toThrow(
      /No such authorization link/,
    );
    await expect(
      revokeAuthorizationLink(
        db,
        { organizationId: org.organizationId, customerId: org.customerId },
        fresh.sent.id,
        null,
      ),
    ).rejects.toThrow(/team/);
    expect(await openAuthorizationLink(db, fresh.token)).toMatchObject({ ok: true });
  });

  it("cannot be sent by a customer user, to any address: nothing is stored or mailed", async () => {
    const d = await deployConnection(db, org, "sandbox", clients.basic);
    const credentialId = (await getInstance(db, org.scope, d.instanceId)).connections[0]!.credentialId!;
    const outboxBefore = (await listOutbox(db, org.organizationId)).length;
    const customerScope = { organizationId: org.organizationId, customerId: org.customerId };
    await expect(
      sendAuthorizationLink(db, customerScope, { credentialId, what: "Files" }, "stranger@elsewhere.example", null),
    ).rejects.toThrow(/organization's team/);
    expect(
      await db
        .select()
        .from(authorizationLinks)
        .where(
          and(
            eq(authorizationLinks.organizationId, org.organizationId),
            eq(authorizationLinks.credentialId, credentialId),
          ),
        ),
    ).toEqual([]);
    expect((await listOutbox(db, org.organizationId)).length).toBe(outboxBefore);
  });

  it("an outbox message stored before links were kept out shows no working link", async () => {
    const id = randomUUID();
    const link = `${env.baseUrl}/authorize/eyJhbGciOiJIUzI1NiJ9.eyJvcmciOiJ4In0.c2lnbmF0dXJl`;
    const body = await encryptForTenant(
      db,
      { organizationId: org.organizationId, customerId: null },
      id,
      JSON.stringify({ text: `Open this link:\n\n${link}\n`, html: "" }),
    );
    await db.insert(outboxEmails).values({
      id,
      organizationId: org.organizationId,
      to: "old@customer.example",
      subject: "Old",
      bodyCiphertext: body,
    });
    const shown = (await listOutbox(db, org.organizationId)).find((m) => m.id === id)!;
    expect(shown.text).not.toContain("/authorize/");
    expect(shown.text).toContain("link not kept here");
  });
});
