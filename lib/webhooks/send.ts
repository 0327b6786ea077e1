import "server-only";
import { Webhook } from "standardwebhooks";
import { env } from "@/lib/env";
import { OutboundRequestError, outboundFetch } from "@/lib/outbound/fetch";

// One attempt to send one event, signed per Standard Webhooks (webhook-id is the event id, the same
// on every attempt), through lib/outbound: the address rules, no redirects, 10 s, 64 KiB read.

export type SignedEvent = { id: string; payload: string; secrets: string[] };
export type Attempt = { ok: boolean; statusCode: number | null; error: string | null; latencyMs: number };

const MAX_ANSWER_BYTES = 64 * 1024;

/** The webhook-signature header: one `v1,<sig>` per secret, space-separated (both sign after a rotation). */
export function signatureHeader(e: SignedEvent, at: Date): string {
  return e.secrets.map((s) => new Webhook(s).sign(e.id, at, e.payload)).join(" ");
}

/** Sends the event to the URL once; never throws. */
export async function sendEvent(url: string, e: SignedEvent): Promise<Attempt> {
  const at = new Date();
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const response = await outboundFetch(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Latchkey-Webhooks/1",
          "webhook-id": e.id,
          "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
          "webhook-signature": signatureHeader(e, at),
        },
        body: e.payload,
      },
      { timeoutMs: env.LATCHKEY_WEBHOOK_TIMEOUT_SECONDS * 1000, maxBytes: MAX_ANSWER_BYTES },
    );
    const ok = response.status >= 200 && response.status < 300;
    const redirect = response.status >= 300 && response.status < 400;
    const error = ok
      ? null
      : redirect
        ? `The endpoint answered ${response.status}, a redirect, which Latchkey does not follow`
        : `The endpoint answered ${response.status}`;
    return { ok, statusCode: response.status, error, latencyMs: latency() };
  } catch (error) {
    const message = error instanceof OutboundRequestError ? error.message : "The request could not be sent";
    return { ok: false, statusCode: null, error: message, latencyMs: latency() };
  }
}
