import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

// A real SMTP server on 127.0.0.1 that keeps what it receives, for tests of e-mail.

export type ReceivedEmail = { from: string; to: string[]; raw: string };

export async function startSmtpPeer(
  port = 0,
): Promise<{ url: string; received: ReceivedEmail[]; close: () => Promise<void> }> {
  const received: ReceivedEmail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${bound}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link to Latchkey's authorization page in a raw message (quoted-printable soft breaks undone). */
export function authorizationLinkIn(raw: string): string | undefined {
  const unfolded = raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  return /https?:\/\/[^\s"<>]+\/authorize\/[A-Za-z0-9._-]+/.exec(unfolded)?.[0];
}
