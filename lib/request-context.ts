import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

// The request a line of work belongs to: its id goes into every log line, back to the caller as
// X-Request-Id, and into the connection log rows written while serving it. The proxy (proxy.ts)
// picks the id; the route wrappers open the context from the header it forwards.

export const REQUEST_ID_HEADER = "x-request-id";

/** Who acts in a request, as the audit trail names them; set by the route wrapper once it knows. */
export type Actor = {
  type: "user" | "embedded_user" | "api_key" | "runtime_key" | "authorization_link" | "scheduler" | "system";
  id: string | null;
  name: string | null;
};

/** The request being served: its id, where it came from and who acts (for the audit trail). */
export type RequestContext = { requestId: string; address?: string; userAgent?: string; actor?: Actor };

// One store per process, whichever bundle loads this module first.
const holder = globalThis as unknown as { latchkeyRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (holder.latchkeyRequestContext ??= new AsyncLocalStorage<RequestContext>());

// A caller's id is kept only when it is short and plain, so it can neither forge a log line nor grow one.
const VALID_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The caller's X-Request-Id when it is a usable id, or a new one. */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER)?.trim();
  return given && VALID_ID.test(given) ? given : randomUUID();
}

/** Runs `work` as part of one request. */
export function runInRequest<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** The request being served, if any. */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** Names who acts in the request being served (the wrappers call it once they have authenticated). */
export function setActor(actor: Actor): void {
  const context = storage.getStore();
  if (context) context.actor = actor;
}
