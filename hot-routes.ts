import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import * as values from "@/app/api/v1/instances/[id]/connections/[key]/values/route";
import * as proxy from "@/app/api/v1/instances/[id]/connections/[key]/proxy/[[...path]]/route";
import { answerFor } from "@/lib/api/errors";
import { SURFACE_HEADER } from "@/lib/embedding/surface";
import { isReadablePath } from "@/lib/http/path";
import { logUnexpected } from "@/lib/log";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/request-context";
import apiHeaders from "./api-headers.json";

// The light listener's routes (server.mjs): the runtime hot path that integration code calls in
// loops (the proxy and the runtime values), answered by their own route handlers, the very ones
// Next serves, without Next's router in front. On a 2-core machine the router costs more than
// the call itself (docs/benchmarks.md). Every check lives in the handlers and the lib they call, so
// both doors answer alike; what Next adds to these routes (the API's headers from next.config.js,
// proxy.ts's request id and surface reset) is added here. Anything not matched goes to Next.

type Handler = (
  request: Request,
  context?: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>;
type Route = {
  pattern: RegExp;
  methods: Record<string, Handler | undefined>;
  params: (m: string[]) => Record<string, string | string[]>;
  requestId: boolean;
};

const ID = "([^/?]+)";
const ROUTES: Route[] = [
  {
    pattern: new RegExp(`^/api/v1/instances/${ID}/connections/${ID}/values$`),
    methods: { GET: values.GET, HEAD: values.GET },
    params: ([id, key]) => ({ id: id!, key: key! }),
    requestId: true,
  },
  {
    // The proxy's answer carries the upstream's headers: its own id is Latchkey-Request-Id, as under Next.
    pattern: new RegExp(`^/api/v1/instances/${ID}/connections/${ID}/proxy(?:/([^?]*))?$`),
    methods: {
      GET: proxy.GET,
      HEAD: proxy.HEAD,
      POST: proxy.POST,
      PUT: proxy.PUT,
      PATCH: proxy.PATCH,
      DELETE: proxy.DELETE,
    },
    params: ([id, key, path]) => ({ id: id!, key: key!, path: path ? path.split("/").filter(Boolean) : [] }),
    requestId: false,
  },
];

const decode = (params: Record<string, string | string[]>) =>
  Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.map(decodeURIComponent) : decodeURIComponent(v)]),
  );

/**
 * Answers `req` when it is one of the routes above (true), or leaves it to Next (false). Decided
 * before anything is read, so that Next gets an untouched request.
 */
export function serveHotRoute(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? "";
  if (!url.startsWith("/api/")) return false;
  const q = url.indexOf("?");
  const pathname = q === -1 ? url : url.slice(0, q);
  for (const route of ROUTES) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const handler = route.methods[req.method ?? ""];
    if (!handler) return false;
    // A path that does not decode goes to Next, whose proxy.ts answers it with its 400.
    if (!isReadablePath(pathname)) return false;
    let request: Request;
    let requestId: string | undefined;
    let params: Record<string, string | string[]>;
    try {
      ({ request, requestId } = webRequest(req, res, url, route.requestId));
      params = decode(route.params(match.slice(1)));
    } catch {
      // A header that fetch's Headers cannot carry: Next's door answers it.
      return false;
    }
    void answer(req, res, () => handler(request, { params: Promise.resolve(params) }), pathname, requestId);
    return true;
  }
  return false;
}

function webRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: string,
  withRequestId: boolean,
): { request: Request; requestId: string | undefined } {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  // As proxy.ts does for every request Next sees: only /embedded ever reads the surface header.
  headers.delete(SURFACE_HEADER);
  const requestId = withRequestId ? requestIdFrom(headers) : undefined;
  if (requestId) headers.set(REQUEST_ID_HEADER, requestId);
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(`http://localhost${url}`, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
    // @ts-expect-error: a streamed request body needs it (undici), and lib.dom's RequestInit lacks it
    duplex: "half",
    signal: controller.signal,
  });
  return { request, requestId };
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  run: () => Promise<Response>,
  pathname: string,
  requestId: string | undefined,
): Promise<void> {
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    // The handlers answer their own errors; this is what escapes them, answered as they would.
    logUnexpected(`${req.method} ${pathname}`, error);
    const { status, code, message } = answerFor(error);
    response = Response.json({ error: { code, message } }, { status });
  }
  if (res.destroyed) {
    await response.body?.cancel().catch(() => undefined);
    return;
  }
  res.statusCode = response.status;
  for (const { key, value } of apiHeaders) res.setHeader(key, value);
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  if (requestId) res.setHeader("X-Request-Id", requestId);
  await send(req, res, response.body);
}

/** The body, written as the socket takes it; the reader is cancelled when the caller goes away. */
async function send(req: IncomingMessage, res: ServerResponse, body: ReadableStream<Uint8Array> | null) {
  if (!body || req.method === "HEAD") {
    await body?.cancel().catch(() => undefined);
    res.end();
    return;
  }
  const reader = body.getReader();
  const gone = () => void reader.cancel().catch(() => undefined);
  res.once("close", gone);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value))
        await new Promise<void>((resolve) => {
          const go = () => {
            res.off("drain", go);
            res.off("close", go);
            resolve();
          };
          res.on("drain", go);
          res.on("close", go);
        });
      if (res.destroyed) return;
    }
    res.end();
  } catch (error) {
    // The upstream's body failed half-way: the caller's answer cannot say so but by ending short.
    res.destroy(error instanceof Error ? error : undefined);
  } finally {
    res.off("close", gone);
  }
}
