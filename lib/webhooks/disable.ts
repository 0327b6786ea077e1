import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, webhookEndpoints } from "@/db/schema";
import { keepInOutbox, sendEmail } from "@/lib/email/send";
import { env } from "@/lib/env";
import { logUnexpected } from "@/lib/log";

// An endpoint that has failed every attempt for 3 days is disabled, and the organization's admins
// are told: always in Settings → Outbox (where any of them finds it, whoever reads the mail), and
// where SMTP is set, also by e-mail to each admin.

export const DISABLED_REASON = "Disabled by Latchkey: every delivery failed for 3 days";

/** Disables the endpoint if it is still enabled, and tells the admins once. */
export async function disableFailingEndpoint(db: Db, organizationId: string, endpointId: string): Promise<void> {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: DISABLED_REASON, updatedAt: new Date() })
    .where(
      and(
        eq(webhookEndpoints.organizationId, organizationId),
        eq(webhookEndpoints.id, endpointId),
        eq(webhookEndpoints.enabled, true),
      ),
    )
    .returning({ url: webhookEndpoints.url });
  if (!row) return;
  const admins = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.role, "admin")));
  const link = `${env.baseUrl}/settings/webhooks`;
  const text = `Latchkey disabled the webhook endpoint ${row.url}: every delivery to it failed for 3 days.\n\nFix the receiver, then enable the endpoint again in Settings → Webhooks (${link}); failed deliveries can be retried from its delivery log.`;
  const message = {
    subject: "A webhook endpoint was disabled",
    text,
    html: `<p>${escapeHtml(text).replace(/\n\n/g, "</p><p>")}</p>`,
  };
  try {
    const to = admins.map((a) => a.email).join(", ") || "The organization's admins";
    await keepInOutbox(db, organizationId, { ...message, to });
  } catch (error) {
    logUnexpected("webhook endpoint disabled outbox message", error);
  }
  if (!env.SMTP_URL) return;
  for (const admin of admins) {
    try {
      await sendEmail(db, organizationId, { ...message, to: admin.email });
    } catch (error) {
      logUnexpected("webhook endpoint disabled e-mail", error);
    }
  }
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
