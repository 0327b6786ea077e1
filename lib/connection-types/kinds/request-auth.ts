import aws4 from "aws4";
import { own } from "@/lib/validation/own";
import type { ProxyAuth } from "@/lib/connection-types/definition";
import { ValidationError } from "@/lib/errors";

/**
 * Applies the credential to the request the way the type says (basic, header, query, bearer, or
 * an AWS Signature Version 4 over the method, URL and headers as they are now: apply it last).
 */
export function applyAuth(
  auth: ProxyAuth,
  url: URL,
  headers: Headers,
  values: Record<string, string>,
  accessToken?: string,
  method = "GET",
): void {
  switch (auth.type) {
    case "none":
      return;
    case "basic":
      headers.set(
        "authorization",
        `Basic ${Buffer.from(`${own(values, auth.usernameField) ?? ""}:${own(values, auth.passwordField) ?? ""}`).toString("base64")}`,
      );
      return;
    case "header": {
      const name = (auth.nameField ? own(values, auth.nameField) : undefined) || auth.name;
      const value = auth.valueField ? own(values, auth.valueField) : accessToken;
      headers.set(name, `${auth.prefix ?? ""}${value ?? ""}`);
      return;
    }
    case "query": {
      const name = (auth.nameField ? own(values, auth.nameField) : undefined) || auth.name;
      url.searchParams.set(name, own(values, auth.valueField) ?? "");
      return;
    }
    case "bearer": {
      const token = auth.tokenField ? own(values, auth.tokenField) : accessToken;
      headers.set("authorization", `Bearer ${token ?? ""}`);
      return;
    }
    case "aws_sigv4":
      return signAwsV4(auth, url, headers, values, method);
    case "tableau_pat":
      // The session token the proxy signed in for (lib/proxy/tableau-session.ts), never the PAT itself.
      headers.set("x-tableau-auth", accessToken ?? "");
      return;
  }
}

/**
 * Signs with aws4. The payload is not hashed (UNSIGNED-PAYLOAD, which S3 accepts) so that a body
 * can stream through without being read first; a caller that sends its own x-amz-content-sha256
 * gets it signed instead.
 */
function signAwsV4(
  auth: Extract<ProxyAuth, { type: "aws_sigv4" }>,
  url: URL,
  headers: Headers,
  values: Record<string, string>,
  method: string,
): void {
  const accessKeyId = own(values, auth.accessKeyField);
  const secretAccessKey = own(values, auth.secretKeyField);
  const region = own(values, auth.regionField);
  if (!accessKeyId || !secretAccessKey || !region)
    throw new ValidationError("Set the access key, secret key and region of this connection first");
  if (!headers.has("x-amz-content-sha256")) headers.set("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
  const signed = aws4.sign(
    {
      host: url.host,
      path: `${url.pathname}${url.search}`,
      method,
      service: auth.service,
      region,
      headers: Object.fromEntries(headers),
    },
    { accessKeyId, secretAccessKey, sessionToken: own(values, "session_token") || undefined },
  );
  for (const [name, value] of Object.entries(signed.headers ?? {})) headers.set(name, String(value));
}
