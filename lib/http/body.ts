import { ApiError } from "@/lib/api/errors";

// Every request body is read through here, under a cap: a declared Content-Length past it is
// refused before reading, and a body without one (chunked) is read chunk by chunk and refused as
// soon as it passes the cap, so a 60 MB upload never sits in memory.

/** The default cap of a request body (API v1, OAuth and cron routes). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Answered 413; an ApiError, so that the API wrappers give it the contract's JSON shape. */
export class BodyTooLargeError extends ApiError {
  constructor(readonly limit: number) {
    super(413, "payload_too_large", `The request body is larger than ${describeBytes(limit)}`);
    this.name = "BodyTooLargeError";
  }
}

function describeBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** Whether the request declares a body longer than the cap (without reading it). */
export function declaresTooLarge(request: Request, limit: number): boolean {
  const declared = request.headers.get("content-length");
  if (declared === null || declared.trim() === "") return false;
  const length = Number(declared);
  return !Number.isFinite(length) || length > limit;
}

/** The body's bytes, read under the cap; BodyTooLargeError past it. */
export async function readBodyBytes(
  request: Request,
  limit: number = DEFAULT_BODY_LIMIT,
): Promise<Uint8Array<ArrayBuffer>> {
  if (declaresTooLarge(request, limit)) throw new BodyTooLargeError(limit);
  if (!request.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Not awaited: the cancel of a cloned (tee'd) body settles only once the other branch ends.
      void reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(new ArrayBuffer(total));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** The body as UTF-8 text, read under the cap. */
export async function readBodyText(request: Request, limit: number = DEFAULT_BODY_LIMIT): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request, limit));
}

/**
 * The fields of an HTML form post (urlencoded or multipart), read under the cap; string values only.
 * null when the body is not a form that can be read.
 */
export async function readFormFields(request: Request, limit: number): Promise<URLSearchParams | null> {
  const bytes = await readBodyBytes(request, limit);
  const type = request.headers.get("content-type") ?? "";
  if (/^application\/x-www-form-urlencoded/i.test(type) || bytes.byteLength === 0)
    return new URLSearchParams(new TextDecoder().decode(bytes));
  if (!/^multipart\/form-data/i.test(type)) return null;
  // The bytes are already under the cap; a Request around them lets the platform parse multipart.
  const form = await new Request("http://form.invalid/", {
    method: "POST",
    headers: { "content-type": type },
    body: bytes,
  })
    .formData()
    .catch(() => null);
  if (!form) return null;
  const fields = new URLSearchParams();
  for (const [key, value] of form.entries()) if (typeof value === "string") fields.set(key, value);
  return fields;
}
