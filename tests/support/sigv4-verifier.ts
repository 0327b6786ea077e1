import { createHash, createHmac } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

// AWS Signature Version 4 recomputed from the specification (the S3 flavour: the path is signed
// as sent, the payload hash is the x-amz-content-sha256 header), independently of the aws4
// library the proxy signs with: a test upstream checks with it that what arrives is what AWS
// would accept for the given secret key.

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const hmac = (key: Buffer | string, text: string) => createHmac("sha256", key).update(text).digest();
const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Whether the request's Authorization header is a valid SigV4 signature under the secret key; why not otherwise. */
export function verifySigV4(
  request: { method: string; url: string; headers: IncomingHttpHeaders },
  secretAccessKey: string,
): { ok: true; accessKeyId: string; region: string; service: string } | { ok: false; why: string } {
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      String(request.headers.authorization ?? ""),
    );
  if (!match) return { ok: false, why: "no SigV4 Authorization header" };
  const [, accessKeyId, day, region, service, signedHeaders, signature] = match as unknown as string[];
  const amzDate = String(request.headers["x-amz-date"] ?? "");
  if (!amzDate.startsWith(day!)) return { ok: false, why: "x-amz-date does not match the credential scope" };
  const [rawPath, rawQuery = ""] = request.url.split("?");
  const query = rawQuery
    .split("&")
    .filter(Boolean)
    .map((pair) => pair.split("=").map((p) => rfc3986(decodeURIComponent(p ?? ""))) as [string, string?])
    .map(([k, v]) => `${k}=${v ?? ""}`)
    .sort()
    .join("&");
  const names = signedHeaders!.split(";");
  const canonicalHeaders = names
    .map(
      (n) =>
        `${n}:${String(request.headers[n] ?? "")
          .trim()
          .replace(/\s+/g, " ")}\n`,
    )
    .join("");
  const payloadHash = String(request.headers["x-amz-content-sha256"] ?? "");
  const canonical = [request.method, rawPath, query, canonicalHeaders, signedHeaders, payloadHash].join("\n");
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonical)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day!), region!), service!), "aws4_request");
  const expected = createHmac("sha256", key).update(toSign).digest("hex");
  if (expected !== signature) return { ok: false, why: "signature mismatch" };
  return { ok: true, accessKeyId: accessKeyId!, region: region!, service: service! };
}
