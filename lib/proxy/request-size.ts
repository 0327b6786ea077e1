import { ApiError } from "@/lib/api/errors";

// How large a proxied call's URL and headers may be. Node refuses a request whose request line and
// headers pass its own limit (`--max-http-header-size`, 16 KiB by default) with a bare 431 and no
// body, before any route runs; `npm start` raises that limit to 64 KiB (package.json) so that the
// proxy measures first and answers the contract's JSON error saying which limit was passed. The
// limits are the common ground of the APIs behind it: many refuse a longer URL or header block.

export const PROXY_URL_LIMIT = 8 * 1024;
export const PROXY_HEADERS_LIMIT = 16 * 1024;

/** Bytes of a header block as sent on the wire (`name: value\r\n` per header). */
function headerBytes(headers: Headers): number {
  let n = 0;
  for (const [name, value] of headers) n += Buffer.byteLength(name) + Buffer.byteLength(value) + 4;
  return n;
}

/** Refuses a call whose path and query (414) or headers (431) are larger than the proxy sends on. */
export function refuseOversizedCall(call: { rawPath: string; search: string; headers: Headers }): void {
  const urlBytes = Buffer.byteLength(call.rawPath) + Buffer.byteLength(call.search);
  if (urlBytes > PROXY_URL_LIMIT)
    throw new ApiError(
      414,
      "uri_too_long",
      `The proxied path and query are ${urlBytes} bytes; the proxy sends on at most ${PROXY_URL_LIMIT / 1024} KiB`,
    );
  const bytes = headerBytes(call.headers);
  if (bytes > PROXY_HEADERS_LIMIT)
    throw new ApiError(
      431,
      "request_header_fields_too_large",
      `The request's headers are ${bytes} bytes; the proxy accepts at most ${PROXY_HEADERS_LIMIT / 1024} KiB`,
    );
}
