import type { Email } from "@/lib/email/send";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What the outbox keeps instead of the link: it was shown once, to whoever sent it. */
export const LINK_NOT_KEPT = "[link not kept here: it was shown once to whoever sent it; send a new one if it is lost]";

/** The e-mail that carries an authorization link: who asks, for what, until when; `url` null gives the outbox's copy, without the link. */
export function authorizationLinkEmail(m: {
  to: string;
  organizationName: string;
  what: string;
  url: string | null;
  expiresAt: Date;
}): Email {
  const until = m.expiresAt.toUTCString();
  const subject = `${m.organizationName} asks you to authorize ${m.what}`;
  const text = [
    `${m.organizationName} asks you to connect ${m.what}.`,
    "",
    "Open this link and press CONNECT. You will sign in to the service itself; your password is never shared.",
    "",
    m.url ?? LINK_NOT_KEPT,
    "",
    `The link works once and expires on ${until}.`,
    "If you did not expect this e-mail, ignore it.",
  ].join("\n");
  const html = `<p>${escape(m.organizationName)} asks you to connect <strong>${escape(m.what)}</strong>.</p>
<p>Open this link and press CONNECT. You will sign in to the service itself; your password is never shared.</p>
<p>${m.url ? `<a href="${escape(m.url)}">Authorize ${escape(m.what)}</a>` : escape(LINK_NOT_KEPT)}</p>
<p>The link works once and expires on ${escape(until)}. If you did not expect this e-mail, ignore it.</p>`;
  return { to: m.to, subject, text, html };
}
