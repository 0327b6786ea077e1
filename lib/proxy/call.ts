import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { recordHandOverAudit } from "@/lib/audit/record";
import { kindOf } from "@/lib/connection-types/kinds";
import { TABLEAU_SITE_PLACEHOLDER } from "@/lib/connection-types/definition";
import { ConflictError, ValidationError } from "@/lib/errors";
import { OutboundRequestError } from "@/lib/outbound/fetch";
import { outboundStream, type StreamedAnswer } from "@/lib/outbound/stream";
import { openRuntimeValues, readRuntimeConnection, type RuntimeLoad } from "@/lib/runtime/lookup";
import { freshTokens } from "@/lib/runtime/values";
import type { TenantScope } from "@/lib/tenancy";
import { insufficientScope, recordStepUp, stepUpReason } from "@/lib/mcp/client/step-up";
import { recordProxiedCall } from "./call-log";
import { answeredHeaders, forwardedRequestHeaders } from "./headers";
import { renewAfterRefusal, type Renewal } from "./renew";
import { TableauRefusedError, tableauSession } from "./tableau-session";
import { enterProxyGate, releasingBody, takeProxyRate } from "./limits";
import { holdBody, REPLAY_LIMIT } from "./replay";
import { placeholderValues, proxyTarget } from "./target";
import { refuseOversizedCall } from "./request-size";

// The proxy (API.md, Proxy): a call of integration code sent on to the connection's API with the
// credential applied by the connection's kind, so that the code never holds the secret. Bodies
// stream both ways; a token the upstream refuses (a status in refreshOn) is renewed once under the
// refresh lease and the call retried once, when its body could be kept for that.

export const REQUEST_ID_HEADER = "Latchkey-Request-Id";
/** Why a refused call was not retried, when it was not. */
export const RETRY_HEADER = "Latchkey-Proxy-Retry";

// Methods that mean the same when sent twice, and the answers that say "try again later".
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
const TRY_AGAIN = new Set([429, 502, 503, 504]);
const RETRY_AFTER_CAP_MS = 10_000;

/** How long an answer asks to wait (Retry-After, seconds or a date), or a short backoff. */
function retryDelayMs(answer: StreamedAnswer, attempt: number): number {
  const header = answer.headers.find(([n]) => n.toLowerCase() === "retry-after")?.[1]?.trim();
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(header);
    if (Number.isFinite(at)) return Math.max(0, at - Date.now());
  }
  return 100 * 2 ** attempt + Math.floor(Math.random() * 100);
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

export type ProxyRequest = {
  method: string;
  rawPath: string;
  search: string;
  headers: Headers;
  body: ReadableStream<Uint8Array> | null;
  signal?: AbortSignal;
};

/** Sends one call through an instance's connection and answers the upstream's status, headers and body. */
export async function proxyCall(
  db: Db,
  scope: TenantScope,
  instanceId: string,
  key: string,
  call: ProxyRequest,
  read: RuntimeLoad = readRuntimeConnection(db),
): Promise<Response> {
  refuseOversizedCall(call);
  const started = Date.now();
  const requestId = randomUUID();
  const connection = await read(scope.organizationId, instanceId, key);
  const type = connection.type;
  if (!type) throw new ConflictError(`${connection.label}: its connection type no longer exists`);
  if (!type.proxy) throw new ValidationError(`${type.label} connections have no proxy: the type declares none`);
  const credential = connection.credential;
  if (!credential) throw new ConflictError(`${connection.label} is not configured yet: configure it or press CONNECT`);
  const kind = kindOf(type.kind);
  const stored = await openRuntimeValues(db, { ...connection, credential });
  const subject = {
    organizationId: scope.organizationId,
    customerId: connection.customerId,
    credentialId: credential.id,
    instanceId,
  };
  const logged = { ...subject, method: call.method, path: `/${call.rawPath}`, requestId };

  let tokens: Awaited<ReturnType<typeof freshTokens>> | undefined;
  if (kind.traits.holdsTokens) {
    tokens = await freshTokens(db, scope, { instanceId, key, credentialId: credential.id, kind });
    if ("problem" in tokens) {
      await recordProxiedCall(db, { ...logged, status: null, ms: Date.now() - started, refused: tokens.problem });
      throw new ConflictError(`${connection.label}: ${tokens.problem}`);
    }
  }
  // A kind with no token of its own may sign in for a session (Tableau): its token stands in for one.
  const tableau = type.proxy.auth?.type === "tableau_pat" ? type.proxy.auth : undefined;
  const session = tableau ? await signedIn(tableau) : undefined;
  // A sign-in Tableau refuses is a refused credential like a 401 that survives a refresh: the
  // connection goes red with the reason, through the same writer as every other proxied call.
  async function signedIn(auth: NonNullable<typeof tableau>) {
    try {
      return await tableauSession(subject.credentialId, stored.values, auth);
    } catch (error) {
      if (error instanceof ConflictError) {
        const why = error instanceof TableauRefusedError ? { refused: error.message } : { failure: error.message };
        await recordProxiedCall(db, { ...logged, status: null, ms: Date.now() - started, ...why });
      }
      throw error;
    }
  }
  const secret = new Set(type.fields.filter((f) => f.secret).map((f) => f.key));
  const plain = Object.fromEntries(Object.entries(stored.values).filter(([k]) => !secret.has(k)));
  const metadata = tokens && !("problem" in tokens) ? tokens.tokens.metadata : {};
  const fill = {
    ...placeholderValues(metadata, plain),
    ...(session ? { [TABLEAU_SITE_PLACEHOLDER]: session.siteId } : {}),
  };
  const target = proxyTarget(type.proxy, fill, call.rawPath, call.search);
  const forwarded = forwardedRequestHeaders(call.headers);
  const proxy = type.proxy;
  const mayRetry = (kind.traits.holdsTokens || !!session) && proxy.refreshOn.length > 0;
  // A refused token is renewed: an OAuth token under the refresh lease, a session by signing in again.
  const renew = async (refusedToken: string): Promise<Renewal> => {
    if (!tableau) return renewAfterRefusal(db, scope, credentialId, refusedToken);
    try {
      return { accessToken: (await tableauSession(credentialId, stored.values, tableau, refusedToken)).token };
    } catch (error) {
      if (error instanceof ConflictError) return { problem: error.message };
      throw error;
    }
  };
  const mayRepeat = IDEMPOTENT.has(call.method) && proxy.retries > 0;
  takeProxyRate(credential.id, proxy.rateLimit?.perMinute);
  const held =
    mayRetry || mayRepeat
      ? await holdBody(call.body, call.headers.get("content-length"))
      : ({ replayable: false, stream: call.body } as const);
  const credentialId = credential.id;
  const release = await enterProxyGate(credentialId, proxy.concurrency);
  try {
    return await sendThrough();
  } catch (error) {
    release();
    throw error;
  }

  async function sendThrough(): Promise<Response> {
    const sendOnce = async (accessToken: string | undefined): Promise<StreamedAnswer> => {
      const url = new URL(target.href);
      const headers = new Headers(forwarded);
      kind.apply({ url, headers, method: call.method }, { auth: proxy.auth, values: stored.values, accessToken });
      return outboundStream(url, {
        method: call.method,
        headers,
        body: held.replayable ? held.bytes : held.stream,
        answerTimeoutMs: proxy.timeouts.answerMs,
        totalTimeoutMs: proxy.timeouts.totalMs,
        signal: call.signal,
      });
    };
    // An idempotent call answered "try again later" is sent again, a few times, waiting as asked
    // (up to a cap: an answer that asks for longer goes back to the caller as it is).
    const send = async (accessToken: string | undefined): Promise<StreamedAnswer> => {
      for (let attempt = 0; ; attempt++) {
        const answer = await sendOnce(accessToken);
        if (!mayRepeat || !held.replayable || !TRY_AGAIN.has(answer.status) || attempt >= proxy.retries) return answer;
        const wait = retryDelayMs(answer, attempt);
        // A caller that has gone away gets nothing more sent on its behalf.
        if (wait > RETRY_AFTER_CAP_MS || call.signal?.aborted) return answer;
        await answer.body?.cancel().catch(() => undefined);
        await sleep(wait, call.signal);
      }
    };

    // The audit trail counts proxied calls per connection, caller and minute, as it counts hand-overs.
    // The count is written beside the upstream call rather than before it (a round trip off every
    // call's latency), and always before the answer goes back: a count that fails fails the call.
    const audit = recordHandOverAudit(db, {
      organizationId: scope.organizationId,
      action: "proxy.called",
      target: { type: "connection", id: `${instanceId}/${key}`, name: connection.label },
      fields: [],
    });
    // Awaited on every way out below; this only keeps a throw before then from leaving it unhandled.
    audit.catch(() => undefined);
    let accessToken = tokens && !("problem" in tokens) ? tokens.tokens.accessToken : session?.token;
    let answer: StreamedAnswer;
    let retryNote: string | undefined;
    let refused: string | undefined;
    try {
      answer = await send(accessToken);
      if (mayRetry && proxy.refreshOn.includes(answer.status) && accessToken) {
        if (!held.replayable) {
          retryNote = `not retried: the request body is larger than ${REPLAY_LIMIT / (1024 * 1024)} MiB`;
        } else {
          const renewal = await renew(accessToken);
          if ("problem" in renewal) {
            retryNote = `not retried: ${renewal.problem}`;
            refused = renewal.problem;
          } else {
            await answer.body?.cancel().catch(() => undefined);
            accessToken = renewal.accessToken;
            answer = await send(accessToken);
            retryNote = "retried once with a refreshed token";
          }
        }
      }
    } catch (error) {
      await audit;
      if (!(error instanceof OutboundRequestError)) throw error;
      release();
      await recordProxiedCall(db, { ...logged, status: null, ms: Date.now() - started, failure: error.message });
      const status =
        error.reason === "timeout" ? 504 : error.reason === "url" || error.reason === "address" ? 400 : 502;
      return Response.json(
        {
          error: {
            code: error.reason === "timeout" ? "upstream_timeout" : "upstream_unreachable",
            message: error.message,
          },
        },
        { status, headers: { [REQUEST_ID_HEADER]: requestId } },
      );
    }
    // An MCP server that wants more than the token grants says which scopes: CONNECT asks for them.
    const stepUp =
      answer.status === 403 &&
      kind.stepsUpScopes &&
      insufficientScope(answer.headers.find(([name]) => name.toLowerCase() === "www-authenticate")?.[1] ?? null);
    if (stepUp) {
      await recordStepUp(db, subject, stepUp);
      refused = stepUpReason(stepUp);
    }
    if (!refused && (answer.status === 401 || answer.status === 403))
      refused = `The API answered ${answer.status} to the proxied call${retryNote?.startsWith("retried") ? " after a refresh" : ""}`;
    await audit.catch(async (error: unknown) => {
      await answer.body?.cancel().catch(() => undefined);
      throw error;
    });
    await recordProxiedCall(db, { ...logged, status: answer.status, ms: Date.now() - started, refused });
    const headers = answeredHeaders(answer.headers);
    headers.set(REQUEST_ID_HEADER, requestId);
    if (retryNote) headers.set(RETRY_HEADER, retryNote);
    // The slot is held until the answer's body has been passed on (or the caller goes away).
    return new Response(releasingBody(answer.body, release), { status: answer.status, headers });
  }
}
