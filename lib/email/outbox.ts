import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outboxEmails } from "@/db/schema";
import { decryptForTenant } from "@/lib/crypto/tenant-keys";
import { LINK_NOT_KEPT } from "@/lib/authorization-links/email";
import { env } from "@/lib/env";

// The outbox is its own door: its bodies are sealed with the organization's key (they may name a
// customer's address and what was asked of them) and opened here only, for the team's Outbox screen.
// They are not a credential's secret, so they do not go through lib/credentials/secrets.ts.

// Messages stored before links were kept out of the outbox still hold one: never shown again.
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const redactLinks = (text: string) =>
  text.replace(new RegExp(`${escapeRegExp(env.baseUrl)}/authorize/[A-Za-z0-9._~%-]+`, "g"), LINK_NOT_KEPT);

export type OutboxEmailDto = { id: string; to: string; subject: string; text: string; createdAt: string };

/** The organization's outbox, newest first, bodies decrypted for the organization's team. */
export async function listOutbox(db: Db, organizationId: string, limit = 50): Promise<OutboxEmailDto[]> {
  const rows = await db
    .select()
    .from(outboxEmails)
    .where(eq(outboxEmails.organizationId, organizationId))
    .orderBy(desc(outboxEmails.createdAt))
    .limit(limit);
  return Promise.all(
    rows.map(async (r) => {
      const body = JSON.parse(
        await decryptForTenant(db, { organizationId, customerId: null }, r.id, r.bodyCiphertext),
      ) as { text: string };
      return {
        id: r.id,
        to: r.to,
        subject: r.subject,
        text: redactLinks(body.text),
        createdAt: r.createdAt.toISOString(),
      };
    }),
  );
}
