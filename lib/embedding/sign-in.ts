import "server-only";
import type { Db } from "@/db/client";
import { getOrganization } from "@/lib/organizations/queries";
import { logSecurityEvent } from "@/lib/log";
import { findOrCreateCustomer, recordTokenUse, upsertEmbeddedUser } from "./identity";
import { databaseKeyLookup } from "./signing-keys";
import { CLOCK_TOLERANCE_SECONDS, verifyEmbeddingToken, type Refused } from "./verify";

// Embedded sign-in: a verified, unused token becomes a session of an embedded user scoped to one
// customer. Every refusal is logged with its reason and identifiers, never with the token.

export type EmbeddedSignIn = {
  ok: true;
  userId: string;
  organizationId: string;
  customerId: string;
  customerCreated: boolean;
  /** The organization's allowed frame origins now, for the response's frame-ancestors. */
  frameOrigins: string[];
};

/** Verifies a partner's token and opens the embedded identity it names, or says why not. */
export async function signInEmbedded(db: Db, token: string, now: Date = new Date()): Promise<EmbeddedSignIn | Refused> {
  const verified = await verifyEmbeddingToken(token, databaseKeyLookup(db), now);
  if (!verified.ok) return refused(verified);
  const { claims, organizationId } = verified;
  const keepUntil = new Date(verified.expiresAt.getTime() + CLOCK_TOLERANCE_SECONDS * 1000);
  if (!(await recordTokenUse(db, organizationId, claims.jti, keepUntil)))
    return refused({ ok: false, reason: "replayed", organizationId, keyId: verified.keyId, jti: claims.jti });

  const opened = await db.transaction(async (tx) => {
    const customer = await findOrCreateCustomer(tx, organizationId, claims.customer, claims.customer_name);
    const user = await upsertEmbeddedUser(tx, organizationId, customer.id, claims);
    return { customer, user };
  });
  const organization = await getOrganization(db, organizationId);
  logSecurityEvent("embedded sign-in", {
    organization: organizationId,
    customer: opened.customer.id,
    customerCreated: opened.customer.created,
    user: opened.user.id,
    key: verified.keyId,
    jti: claims.jti,
    partnerRole: claims.role,
  });
  return {
    ok: true,
    userId: opened.user.id,
    organizationId,
    customerId: opened.customer.id,
    customerCreated: opened.customer.created,
    frameOrigins: organization.allowedFrameOrigins,
  };
}

function refused(refusal: Refused): Refused {
  logSecurityEvent("embedded sign-in refused", {
    reason: refusal.reason,
    organization: refusal.organizationId ?? null,
    key: refusal.keyId,
    jti: refusal.jti,
  });
  return refusal;
}
