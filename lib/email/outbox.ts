import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outboxEmails } from "@/db/schema";
import { decryptForTenant } from "@/lib/crypto/tenant-keys";

export type OutboxEmailDto = { id: string; to: string; subject: string; text: string; createdAt: string };

/** The organization's outbox, newest first, bodies decrypted for the organization's team. */
export async function listOutbox(db: Db, organizationId: string, limit = 50): Promise<OutboxEmailDto[]> {
  const rows = await db.select().from(outboxEmails).where(eq(outboxEmails.organizationId, organizationId)).orderBy(desc(outboxEmails.createdAt)).limit(limit);
  return Promise.all(
    rows.map(async (r) => {
      const body = JSON.parse(await decryptForTenant(db, { organizationId, customerId: null }, r.id, r.bodyCiphertext)) as { text: string };
      return { id: r.id, to: r.to, subject: r.subject, text: body.text, createdAt: r.createdAt.toISOString() };
    }),
  );
}
