import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { env } from "@/lib/env";
import { isNonPublicAddress } from "./address-policy";

// Every request Latchkey sends to a URL an integrator typed in (token, revocation and test URLs)
// goes through outboundFetch: https outside development, only public addresses (resolved here, and
// the connection made to the vetted address, so a DNS answer cannot change in between), no
// redirects, and caps on time and response size. It is fetch-shaped so that oauth4webapi can use it.

export class OutboundRequestError extends Error {
  constructor(
    message: string,
    readonly reason: "url" | "address" | "timeout" | "too_large" | "network",
  ) {
    super(message);
    this.name = "OutboundRequestError";
  }
}

export type OutboundOptions = { timeoutMs?: number; maxBytes?: number; allowPrivateNetwork?: boolean };

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = 1024 * 1024;

/** Why a URL may not be requested, or null when it may. */
export function outboundUrlProblem(raw: string, allowPrivateNetwork = env.allowPrivateNetwork): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Not a full URL, such as https://api.example.com/path";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The URL must use https";
  if (url.protocol === "http:" && !allowPrivateNetwork) return "The URL must use https";
  if (url.username || url.password) return "Put credentials in the connection's fields, not in the URL";
  return null;
}

/** A DNS lookup that answers only the addresses the policy allows, so the socket connects to a vetted one. */
export function vettedLookup(allowPrivateNetwork: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const usable = allowPrivateNetwork ? addresses : addresses.filter((a) => !isNonPublicAddress(a.address));
      const first = usable[0];
      if (!first)
        return callback(
          new OutboundRequestError(
            `${hostname} resolves to a private or reserved address, which Latchkey does not call`,
            "address",
          ),
          "",
          0,
        );
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      callback(null, first.address, first.family);
    });
  };
}

async function bodyBytes(body: RequestInit["body"]): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  return Buffer.from(await new Response(body).arrayBuffer());
}

/** fetch() for integrator-typed URLs, under the outbound rules above. */
export async function outboundFetch(
  input: string | URL | Request,
  init: RequestInit = {},
  opts: OutboundOptions = {},
): Promise<Response> {
  const allowPrivate = opts.allowPrivateNetwork ?? env.allowPrivateNetwork;
  const request = input instanceof Request ? input : undefined;
  const raw = request ? request.url : String(input);
  const problem = outboundUrlProblem(raw, allowPrivate);
  if (problem) throw new OutboundRequestError(problem, "url");
  const url = new URL(raw);
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && isNonPublicAddress(hostname) && /^[\d.:a-f]+$/i.test(hostname)) {
    throw new OutboundRequestError(
      `${hostname} is a private or reserved address, which Latchkey does not call`,
      "address",
    );
  }
  const headers = new Headers(init.headers ?? request?.headers);
  const method = (init.method ?? request?.method ?? "GET").toUpperCase();
  const body = await bodyBytes(
    init.body ?? (request && method !== "GET" && method !== "HEAD" ? await request.arrayBuffer() : undefined),
  );
  if (body && !headers.has("content-length")) headers.set("content-length", String(body.length));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const transport = url.protocol === "https:" ? https : http;

  return new Promise<Response>((resolve, reject) => {
    const req = transport.request(
      url,
      {
        method,
        headers: Object.fromEntries(headers),
        lookup: vettedLookup(allowPrivate),
        timeout: timeoutMs,
        signal: init.signal ?? undefined,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy(
              new OutboundRequestError(`The response is larger than ${Math.round(maxBytes / 1024)} KiB`, "too_large"),
            );
            return;
          }
          chunks.push(chunk);
        });
        res.on("end", () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (value === undefined) continue;
            for (const v of Array.isArray(value) ? value : [value]) responseHeaders.append(name, v);
          }
          const status = res.statusCode ?? 502;
          // Redirects are never followed: the caller sees the 3xx as it is.
          const noBody = status === 204 || status === 304 || method === "HEAD";
          resolve(
            new Response(noBody ? null : Buffer.concat(chunks), {
              status,
              statusText: res.statusMessage,
              headers: responseHeaders,
            }),
          );
        });
        res.on("error", reject);
      },
    );
    const timer = setTimeout(
      () =>
        req.destroy(new OutboundRequestError(`No answer within ${Math.round(timeoutMs / 1000)} seconds`, "timeout")),
      timeoutMs,
    );
    req.on("timeout", () =>
      req.destroy(new OutboundRequestError(`No answer within ${Math.round(timeoutMs / 1000)} seconds`, "timeout")),
    );
    req.on("error", (error) =>
      reject(
        error instanceof OutboundRequestError
          ? error
          : new OutboundRequestError(`Could not reach ${url.host}: ${error.message}`, "network"),
      ),
    );
    req.on("close", () => clearTimeout(timer));
    req.end(body);
  });
}
