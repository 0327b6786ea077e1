import { hkdfSync } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import { z } from "zod";
import { themeSchema } from "./theme";

// The embedded session: an encrypted JWT (A256GCM, key derived from AUTH_SECRET) in its own cookie,
// separate from next-auth's. It is `Partitioned; SameSite=None; Secure` so that it works inside a
// partner's iframe with third-party cookies blocked (CHIPS): the browser keeps it in a jar keyed by
// the partner's site, so it is sent only when Latchkey is framed by that site. No server-only
// import: the proxy reads it to send the organization's frame-ancestors.

export const EMBEDDED_COOKIE = "latchkey_embedded";
export const EMBEDDED_SESSION_SECONDS = 4 * 60 * 60;

export const sessionClaimsSchema = z.object({
  /** The embedded user. */
  uid: z.uuid(),
  org: z.uuid(),
  cust: z.uuid(),
  /** The organization's allowed frame origins at sign-in, for the proxy's frame-ancestors; re-checked against the database on every request. */
  fa: z.array(z.string()).max(50),
  th: themeSchema.default({}),
});
export type EmbeddedSessionClaims = z.infer<typeof sessionClaimsSchema>;

function keyFrom(secret: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", secret, "latchkey", "embedded session cookie v1", 32));
}

/** Seals the session claims into the cookie's value. */
export async function sealEmbeddedSession(
  claims: EmbeddedSessionClaims,
  secret: string,
  now: Date = new Date(),
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new EncryptJWT({ ...claims })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(iat)
    .setExpirationTime(iat + EMBEDDED_SESSION_SECONDS)
    .encrypt(keyFrom(secret));
}

/** The claims of a cookie value, or null when it is missing, forged, tampered with or expired. */
export async function openEmbeddedSession(
  value: string | undefined,
  secret: string,
  now: Date = new Date(),
): Promise<EmbeddedSessionClaims | null> {
  if (!value || value.length > 8192) return null;
  try {
    const { payload } = await jwtDecrypt(value, keyFrom(secret), {
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
      currentDate: now,
      requiredClaims: ["exp"],
    });
    const parsed = sessionClaimsSchema.safeParse(payload);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The Set-Cookie header of a new embedded session. */
export function sessionCookieHeader(value: string): string {
  return `${EMBEDDED_COOKIE}=${value}; Path=/; Max-Age=${EMBEDDED_SESSION_SECONDS}; HttpOnly; Secure; SameSite=None; Partitioned`;
}

/** The Set-Cookie header that ends an embedded session. */
export function clearSessionCookieHeader(): string {
  return `${EMBEDDED_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=None; Partitioned`;
}
