import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { ProxyAuth } from "@/lib/connection-types/definition";
import { ConflictError } from "@/lib/errors";
import { outboundFetch, OutboundRequestError } from "@/lib/outbound/fetch";
import { own } from "@/lib/validation/own";

// Tableau's REST API takes no personal access token on a call: POST /api/{version}/auth/signin
// trades it for a session token (X-Tableau-Auth) and the site's id. The proxy signs in on a
// connection's first call, keeps the session in this process's memory only (never stored, never
// logged), shares one sign-in among concurrent calls, and signs in again when the API refuses the
// session (a 401) or after an hour, well inside Tableau's own session lifetime.

type TableauAuth = Extract<ProxyAuth, { type: "tableau_pat" }>;
export type TableauSession = { token: string; siteId: string };

const SESSION_MS = 60 * 60 * 1000;
const SIGN_IN_TIMEOUT_MS = 15_000;

const signInAnswer = z.object({
  credentials: z.object({ token: z.string().min(1), site: z.object({ id: z.string().min(1) }) }),
});

type Held = { fingerprint: string; at: number; session: Promise<TableauSession> };
const shared = globalThis as { latchkeyTableauSessions?: Map<string, Held> };
const sessions = (shared.latchkeyTableauSessions ??= new Map<string, Held>());

/** What the sign-in depends on: a changed host, site or token signs in again. */
function fingerprintOf(values: Record<string, string>, auth: TableauAuth): string {
  const parts = [auth.version, auth.hostField, auth.siteField, auth.tokenNameField, auth.tokenField].map(
    (k) => own(values, k) ?? k,
  );
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/** Tableau turned the personal access token away (a 401 or 403 to the sign-in): the connection is red. */
export class TableauRefusedError extends ConflictError {}

async function signIn(values: Record<string, string>, auth: TableauAuth): Promise<TableauSession> {
  const host = (own(values, auth.hostField) ?? "").replace(/\/+$/, "");
  const name = own(values, auth.tokenNameField);
  const secret = own(values, auth.tokenField);
  if (!host || !name || !secret) throw new ConflictError("Set the host name, token name and token secret first");
  let response: Response;
  try {
    response = await outboundFetch(
      `${host}/api/${auth.version}/auth/signin`,
      {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({
          credentials: {
            personalAccessTokenName: name,
            personalAccessTokenSecret: secret,
            site: { contentUrl: own(values, auth.siteField) ?? "" },
          },
        }),
      },
      { timeoutMs: SIGN_IN_TIMEOUT_MS, maxBytes: 64 * 1024 },
    );
  } catch (error) {
    if (error instanceof OutboundRequestError) throw new ConflictError(`Tableau sign-in failed: ${error.message}`);
    throw error;
  }
  // Tableau's error body may echo the token name; the message says only what to do.
  if (response.status === 401 || response.status === 403)
    throw new TableauRefusedError("Tableau refused the personal access token: check its name, secret and the site");
  if (!response.ok) throw new ConflictError(`Tableau sign-in answered ${response.status}`);
  const parsed = signInAnswer.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new ConflictError("Tableau's sign-in answer holds no session token");
  return { token: parsed.data.credentials.token, siteId: parsed.data.credentials.site.id };
}

/**
 * The connection's Tableau session: the one held, or a new sign-in when there is none, it is older
 * than an hour, the values changed, or `refused` (the token the API just turned away) is it.
 */
export async function tableauSession(
  credentialId: string,
  values: Record<string, string>,
  auth: TableauAuth,
  refused?: string,
): Promise<TableauSession> {
  const fingerprint = fingerprintOf(values, auth);
  const held = sessions.get(credentialId);
  if (held && held.fingerprint === fingerprint && Date.now() - held.at < SESSION_MS) {
    const session = await held.session.catch(() => undefined);
    if (session && session.token !== refused) return session;
    // Another call already signed in again after the same refusal: share its session.
    if (sessions.get(credentialId) !== held) return tableauSession(credentialId, values, auth, refused);
  }
  const next: Held = { fingerprint, at: Date.now(), session: signIn(values, auth) };
  sessions.set(credentialId, next);
  next.session.catch(() => {
    if (sessions.get(credentialId) === next) sessions.delete(credentialId);
  });
  return next.session;
}
