import "server-only";
import nodemailer from "nodemailer";
import type { Db } from "@/db/client";
import { outboxEmails } from "@/db/schema";
import { encryptForTenant } from "@/lib/crypto/tenant-keys";
import { env } from "@/lib/env";
import { randomUUID } from "node:crypto";

// Outgoing e-mail: over SMTP through nodemailer when SMTP_URL is set, otherwise into the
// organization's outbox (Settings → Outbox), so that the demo works with no mail server.

export type Email = { to: string; subject: string; text: string; html: string };
export type Delivery = { via: "smtp"; messageId: string } | { via: "outbox"; id: string };

const transports = new Map<string, nodemailer.Transporter>();

function smtp(url: string): nodemailer.Transporter {
  let transport = transports.get(url);
  if (!transport) transports.set(url, (transport = nodemailer.createTransport(url)));
  return transport;
}

/** The sender: the host of LATCHKEY_URL, so replies are at least recognizable. */
function fromAddress(): string {
  const host = new URL(env.baseUrl).hostname;
  return `Latchkey <no-reply@${host.includes(".") ? host : `${host}.localdomain`}>`;
}

/**
 * Sends an e-mail on behalf of an organization. Without SMTP the outbox keeps `outboxCopy` when
 * given (a version without what must not lie around, such as a working link), else the e-mail.
 */
export async function sendEmail(db: Db, organizationId: string, email: Email, outboxCopy?: Email): Promise<Delivery> {
  if (env.SMTP_URL) {
    const info = await smtp(env.SMTP_URL).sendMail({
      from: fromAddress(),
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
    });
    return { via: "smtp", messageId: String(info.messageId) };
  }
  return { via: "outbox", id: await keepInOutbox(db, organizationId, outboxCopy ?? email) };
}

/** Keeps a message in the organization's outbox (Settings → Outbox), sealed with its key; returns its id. */
export async function keepInOutbox(db: Db, organizationId: string, email: Email): Promise<string> {
  const id = randomUUID();
  const body = await encryptForTenant(
    db,
    { organizationId, customerId: null },
    id,
    JSON.stringify({ text: email.text, html: email.html }),
  );
  await db
    .insert(outboxEmails)
    .values({ id, organizationId, to: email.to, subject: email.subject, bodyCiphertext: body });
  return id;
}
