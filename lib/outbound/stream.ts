import "server-only";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { env } from "@/lib/env";
import { isNonPublicAddress } from "./address-policy";
import { OutboundRequestError, outboundUrlProblem, vettedLookup } from "./fetch";

// The streaming form of outboundFetch, for the proxy: the same rules (https outside development,
// vetted public addresses, no redirects followed), but neither body is read into memory. The
// request body is piped with backpressure and the answer comes back as a web stream that reads
// from the socket only as fast as its reader takes it.

export type StreamedAnswer = {
  status: number;
  /** The upstream's headers as sent, repeated ones kept apart. */
  headers: [string, string][];
  body: ReadableStream<Uint8Array> | null;
};

export type StreamOptions = {
  method: string;
  headers: Headers;
  /** Bytes already held (a body kept for a retry) or a stream passed through. */
  body?: Uint8Array | ReadableStream<Uint8Array> | null;
  /** Until the upstream's status line arrives. */
  answerTimeoutMs: number;
  /** Until the whole exchange, the answer's body included, is over. */
  totalTimeoutMs: number;
  signal?: AbortSignal;
};

const MIB = 1024 * 1024;

/** The upstream's body as a web stream that pauses the socket while its queue holds a MiB. */
function webBody(res: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        res.on("data", (chunk: Buffer) => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) res.pause();
        });
        res.on("end", () => controller.close());
        res.on("error", (error) => controller.error(error));
      },
      pull() {
        res.resume();
      },
      cancel() {
        res.destroy();
      },
    },
    { highWaterMark: MIB, size: (chunk) => chunk.byteLength },
  );
}

/** Sends one request under the outbound rules and answers as soon as the upstream's headers arrive. */
export function outboundStream(url: URL, o: StreamOptions): Promise<StreamedAnswer> {
  const allowPrivate = env.allowPrivateNetwork;
  const problem = outboundUrlProblem(url.href, allowPrivate);
  if (problem) return Promise.reject(new OutboundRequestError(problem, "url"));
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && isNonPublicAddress(hostname) && /^[\d.:a-f]+$/i.test(hostname))
    return Promise.reject(
      new OutboundRequestError(`${hostname} is a private or reserved address, which Latchkey does not call`, "address"),
    );
  const transport = url.protocol === "https:" ? https : http;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of o.headers) headers[name] = value;
  if (o.body instanceof Uint8Array) headers["content-length"] = String(o.body.byteLength);

  return new Promise<StreamedAnswer>((resolve, reject) => {
    const req = transport.request(url, {
      method: o.method,
      headers,
      lookup: vettedLookup(allowPrivate),
      signal: o.signal,
    });
    const timeout = (ms: number) =>
      new OutboundRequestError(`${url.host} gave no answer within ${Math.round(ms / 1000)} seconds`, "timeout");
    const answerTimer = setTimeout(() => req.destroy(timeout(o.answerTimeoutMs)), o.answerTimeoutMs);
    const totalTimer = setTimeout(() => req.destroy(timeout(o.totalTimeoutMs)), o.totalTimeoutMs);
    req.on("close", () => {
      clearTimeout(answerTimer);
      clearTimeout(totalTimer);
    });
    req.on("error", (error) =>
      reject(
        error instanceof OutboundRequestError
          ? error
          : new OutboundRequestError(`Could not reach ${url.host}: ${error.message}`, "network"),
      ),
    );
    req.on("response", (res) => {
      clearTimeout(answerTimer);
      const raw = res.rawHeaders;
      const pairs: [string, string][] = [];
      for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
      const status = res.statusCode ?? 502;
      const empty = o.method === "HEAD" || status === 204 || status === 304;
      if (empty) res.resume();
      resolve({ status, headers: pairs, body: empty ? null : webBody(res) });
    });
    if (!o.body) req.end();
    else if (o.body instanceof Uint8Array) req.end(o.body);
    else
      Readable.fromWeb(o.body as NodeReadableStream<Uint8Array>)
        .on("error", (error) => req.destroy(error))
        .pipe(req);
  });
}
