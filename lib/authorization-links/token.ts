import "server-only";
import { createHmac } from "node:crypto";
import { SignJWT, jwtVerify, errors } from "jose";
import { authSecret } from "@/lib/auth/secret";

// The e-mailed link carries a signed token (HS256, a key derived from AUTH_SECRET for this use
// only) naming the link's row; the row says whether it was used. Forged or altered tokens fail here
// without a database read.

const AUDIENCE = "latchkey:authorization-link";
export const LINK_LIFETIME_SECONDS = 24 * 60 * 60;

function key(): Uint8Array {
  return createHmac("sha256", authSecret()).update("latchkey authorization links v1").digest();
}

export async function signLinkToken(linkId: string, organizationId: string, expiresAt: Date): Promise<string> {
  return new SignJWT({ org: organizationId })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(linkId)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key());
}

export type LinkTokenResult =
  { ok: true; linkId: string; organizationId: string } | { ok: false; reason: "expired" | "invalid" };

export async function verifyLinkToken(token: string): Promise<LinkTokenResult> {
  try {
    const { payload } = await jwtVerify(token, key(), { algorithms: ["HS256"], audience: AUDIENCE });
    if (typeof payload.sub !== "string" || typeof payload.org !== "string") return { ok: false, reason: "invalid" };
    return { ok: true, linkId: payload.sub, organizationId: payload.org };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? "expired" : "invalid" };
  }
}
