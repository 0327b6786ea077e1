import "server-only";
import { cookies } from "next/headers";
import type { Db } from "@/db/client";
import { authSecret } from "@/lib/auth/secret";
import { getOrganization } from "@/lib/organizations/queries";
import { findSessionUser } from "@/lib/users/queries";
import { EMBEDDED_COOKIE, openEmbeddedSession, type EmbeddedSessionClaims } from "./session-cookie";

// The embedded session of the current request, for getCurrentUser() (lib/auth/surface decides where it counts).

/** The claims of the request's embedded session cookie, or null. */
export async function readEmbeddedSession(): Promise<EmbeddedSessionClaims | null> {
  return openEmbeddedSession((await cookies()).get(EMBEDDED_COOKIE)?.value, authSecret());
}

/**
 * The embedded user a session names, re-read like any session: null when the user, its customer or
 * its organization changed, or when an origin the session was opened for is no longer allowed to
 * frame Latchkey (so removing an origin in Settings ends its sessions at once).
 */
export async function embeddedUserOf(db: Db, claims: EmbeddedSessionClaims) {
  const user = await findSessionUser(db, claims.uid);
  if (!user?.embedded || user.organizationId !== claims.org || user.customerId !== claims.cust) return null;
  const { allowedFrameOrigins } = await getOrganization(db, claims.org);
  if (!claims.fa.every((origin) => allowedFrameOrigins.includes(origin))) return null;
  return user;
}
