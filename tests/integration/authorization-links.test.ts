import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { authorizationLinks, customers, organizations } from "@/db/schema";
import {
  completeAuthorizationLink,
  lastCustomerAuthorization,
  openAuthorizationLink,
  sendAuthorizationLink,
} from "@/lib/authorization-links/service";
import { createCredential } from "@/lib/credentials/service";
import { decryptForTenant } from "@/lib/crypto/tenant-keys";
import { listOutbox } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { authorizationLinkIn, startSmtpPeer } from "../support/smtp-peer";

// E-mailed authorization links: into the outbox without SMTP, through a real SMTP peer with it;
// a link works until it completes once, a forged or altered one never, and only in its organization.

let db: Db;
let organizationId = "";
let otherOrganizationId = "";
let customerId = "";
let credentialId = "";

const oauthValues = {
  client_id: "client",
  client_secret: `secret-${randomUUID()}`,
  auth_uri: "https://provider.example/authorize",
  token_uri: "https://provider.example/token",
  scopes: "read",
};

beforeAll(async () => {
  db = await getDb();
  const [org] = await db
    .insert(organizations)
    .values({ name: "Link Org", slug: `links-${randomUUID()}` })
    .returning();
  const [other] = await db
    .insert(organizations)
    .values({ name: "Other Org", slug: `links-other-${randomUUID()}` })
    .returning();
  organizationId = org!.id;
  otherOrganizationId = other!.id;
  const [customer] = await db.insert(customers).values({ organizationId, name: "Link Customer" }).returning();
  customerId = customer!.id;
  const created = await createCredential(
    db,
    { organizationId },
    { label: "Provider", authMethod: "oauth2", customerId, values: oauthValues },
    null,
  );
  credentialId = created.id;
});

const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

describe("authorization links", () => {
  const previousSmtp = env.SMTP_URL;
  afterAll(() => {
    env.SMTP_URL = previousSmtp;
  });

  it("without SMTP the outbox keeps the e-mail without its link; the link is shown once to the sender and opens once", async () => {
    env.SMTP_URL = undefined;
    const sent = await sendAuthorizationLink(
      db,
      { organizationId },
      { credentialId, what: "Provider" },
      "customer@example.com",
      null,
    );
    expect(sent.delivery).toBe("outbox");
    const [mail] = await listOutbox(db, organizationId);
    expect(mail).toMatchObject({ to: "customer@example.com", subject: "Link Org asks you to authorize Provider" });
    expect(authorizationLinkIn(mail!.text)).toBeUndefined();
    expect(mail!.text).toContain("link not kept here");
    const url = sent.link!;
    expect(url).toMatch(new RegExp(`^${env.baseUrl}/authorize/`));
    const bodies = await db.execute(
      sql`select id, body_ciphertext from outbox_emails where organization_id = ${organizationId}`,
    );
    const [row] = rowsOf<{ id: string; body_ciphertext: string }>(bodies);
    expect(
      await decryptForTenant(db, { organizationId, customerId: null }, row!.id, row!.body_ciphertext),
    ).not.toContain(tokenOf(url));
    const raw = await db.execute(
      sql`select body_ciphertext from outbox_emails where organization_id = ${organizationId}`,
    );
    expect(JSON.stringify(raw)).not.toContain(tokenOf(url));
    // Another organization's outbox holds nothing of it.
    expect(await listOutbox(db, otherOrganizationId)).toEqual([]);

    const opened = await openAuthorizationLink(db, tokenOf(url));
    expect(opened).toMatchObject({ ok: true, link: { credentialId, organizationName: "Link Org", customerId } });
    expect(await lastCustomerAuthorization(db, organizationId, credentialId)).toBeNull();
    expect(await completeAuthorizationLink(db, organizationId, sent.id)).toBe(true);
    expect(await completeAuthorizationLink(db, organizationId, sent.id)).toBe(false);
    expect(await openAuthorizationLink(db, tokenOf(url))).toEqual({ ok: false, problem: "used" });
    expect(await lastCustomerAuthorization(db, organizationId, credentialId)).toMatchObject({
      email: "customer@example.com",
    });
  });

  it("with SMTP_URL a real SMTP peer receives the link; altered, expired and foreign links are refused", async () => {
    const peer = await startSmtpPeer();
    try {
      env.SMTP_URL = peer.url;
      const sent = await sendAuthorizationLink(
        db,
        { organizationId },
        { credentialId, what: "Provider" },
        "someone@example.com",
        null,
      );
      expect(sent.delivery).toBe("smtp");
      expect(peer.received).toHaveLength(1);
      expect(peer.received[0]!.to).toEqual(["someone@example.com"]);
      const url = authorizationLinkIn(peer.received[0]!.raw)!;
      const token = tokenOf(url);
      expect((await openAuthorizationLink(db, token)).ok).toBe(true);
      expect(peer.received[0]!.raw).not.toContain(oauthValues.client_secret);

      // One character changed in the signature, and a token that is not one at all.
      const altered = token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA");
      expect(await openAuthorizationLink(db, altered)).toEqual({ ok: false, problem: "invalid" });
      expect(await openAuthorizationLink(db, "not-a-token")).toEqual({ ok: false, problem: "invalid" });
      // Expired in the database (the token's own expiry is checked by the signature as well).
      await db
        .update(authorizationLinks)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(authorizationLinks.id, sent.id));
      expect(await openAuthorizationLink(db, token)).toEqual({ ok: false, problem: "expired" });
      // Completing it from another organization does nothing.
      expect(await completeAuthorizationLink(db, otherOrganizationId, sent.id)).toBe(false);
    } finally {
      await peer.close();
    }
  });

  it("refuses a credential that is not OAuth authorization code, and another organization's credential", async () => {
    env.SMTP_URL = undefined;
    const basic = await createCredential(
      db,
      { organizationId },
      { label: "Basic", authMethod: "basic", values: { username: "u", password: "p" } },
      null,
    );
    await expect(
      sendAuthorizationLink(db, { organizationId }, { credentialId: basic.id, what: "Basic" }, "a@example.com", null),
    ).rejects.toMatchObject({ fields: { email: expect.stringMatching(/authorization code/) } });
    await expect(
      sendAuthorizationLink(
        db,
        { organizationId: otherOrganizationId },
        { credentialId, what: "Provider" },
        "a@example.com",
        null,
      ),
    ).rejects.toThrow(/No such credential/);
  });
});

describe("the link's page", () => {
  it("shows the scopes CONNECT asks for without opening the credential", async () => {
    env.SMTP_URL = undefined;
    const { describeLink } = await import("@/lib/authorization-links/describe");
    const { credentials } = await import("@/db/schema");
    const made = await createCredential(
      db,
      { organizationId },
      { label: "Scoped", authMethod: "oauth2", customerId, values: { ...oauthValues, scopes: "read write" } },
      null,
    );
    const sent = await sendAuthorizationLink(
      db,
      { organizationId },
      { credentialId: made.id, what: "Scoped" },
      "s@example.com",
      null,
    );
    // A ciphertext that no longer opens: the page must not need it.
    await db.update(credentials).set({ valuesCiphertext: "v1.unreadable.AAAA" }).where(eq(credentials.id, made.id));
    const opened = await openAuthorizationLink(db, tokenOf(sent.link!));
    if (!opened.ok) throw new Error(opened.problem);
    expect(await describeLink(db, opened.link)).toMatchObject({ what: "Scoped", scopes: "read write" });
  });
});
