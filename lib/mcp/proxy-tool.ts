import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { proxyCall } from "@/lib/proxy/call";
import { runtimeScope } from "@/lib/runtime/access";
import { noControl, NO_CONTROL_MESSAGE } from "@/lib/validation/text";
import type { McpCaller } from "./access";

// The MCP tool that calls a connection's API through the proxy: the agent names the method, path,
// query and body; Latchkey applies the credential (refreshing it when due) and answers the
// upstream's status, headers and body up to ANSWER_LIMIT. The agent never holds the secret. Access
// is the proxy's own (lib/runtime/access): builder and admin keys, and the instance's runtime keys.

const ANSWER_LIMIT = 256 * 1024;
const BODY_LIMIT = 1024 * 1024;
const textual = /^(text\/|application\/(json|xml|x-www-form-urlencoded|[\w.+-]+\+(json|xml))|application\/javascript)/i;

const headerName = z
  .string()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, "A header name has letters, digits and - only");

export const proxyToolInput = {
  instanceId: z.uuid("instanceId must be an id (a UUID)"),
  key: z.string().min(1, "key is the connection's key").max(100).refine(noControl, NO_CONTROL_MESSAGE),
  method: z
    .enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"], {
      message: "method is GET, POST, PUT, PATCH, DELETE or HEAD",
    })
    .default("GET"),
  path: z
    .string()
    .max(2000, "path is at most 2000 characters")
    .refine(noControl, NO_CONTROL_MESSAGE)
    .refine((p) => !p.includes("?"), "Give the query in `query`, not in the path")
    .describe("below the connection type's proxy base URL, such as /v1/files"),
  query: z.record(z.string(), z.string().max(2000)).optional(),
  headers: z
    .record(
      headerName,
      z
        .string()
        .max(4096)
        .refine((v) => !/[\r\n\0]/.test(v), "A header value cannot contain line breaks"),
    )
    .optional()
    .describe("sent on, except Authorization, Cookie, Host and hop-by-hop headers"),
  body: z.string().max(BODY_LIMIT, "body is at most 1 MiB").optional(),
};
type ProxyToolInput = z.infer<z.ZodObject<typeof proxyToolInput>>;

/** Reads up to `limit` bytes of a body, then stops reading. */
async function readCapped(body: ReadableStream<Uint8Array> | null, limit: number) {
  if (!body) return { bytes: new Uint8Array(0), truncated: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.length > limit) {
      chunks.push(value.subarray(0, limit - size));
      size = limit;
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    size += value.length;
  }
  return { bytes: Buffer.concat(chunks), truncated };
}

export async function callProxyTool(db: Db, caller: McpCaller, input: ProxyToolInput) {
  const scope = runtimeScope(caller, input.instanceId);
  const headers = new Headers(Object.entries(input.headers ?? {}));
  const search = input.query && Object.keys(input.query).length > 0 ? `?${new URLSearchParams(input.query)}` : "";
  const body = input.body !== undefined && input.method !== "GET" && input.method !== "HEAD" ? input.body : null;
  const answer = await proxyCall(db, scope, input.instanceId, input.key, {
    method: input.method,
    rawPath: input.path.replace(/^\/+/, ""),
    search,
    headers,
    body: body === null ? null : new Blob([body]).stream(),
  });
  const { bytes, truncated } = await readCapped(answer.body, ANSWER_LIMIT);
  const type = answer.headers.get("content-type") ?? "";
  const isText = type === "" || textual.test(type);
  return {
    status: answer.status,
    headers: Object.fromEntries(answer.headers),
    ...(isText ? { body: Buffer.from(bytes).toString("utf8") } : { bodyBase64: Buffer.from(bytes).toString("base64") }),
    truncated,
    ...(truncated ? { note: `The answer is longer than ${ANSWER_LIMIT / 1024} KiB: only its start is shown` } : {}),
  };
}
