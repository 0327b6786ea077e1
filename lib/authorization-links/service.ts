import "server-only";
import { and, desc, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { authorizationLinks, oauthStates, organizations } from "@/db/schema";
import { recordEvent } from "@/lib/connections/events";
import { findCredential } from "@/lib/credentials/queries";
import { traitsOf } from "@/lib/connection-types/view";
import { resolveCredentialMethod } from "@/lib/credentials/service";
import { sendEmail, type Delivery } from "@/lib/email/send";
import { env } from "@/lib/env";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { resolveOAuthConnection } from "@/lib/oauth/connection";
import { isCustomerScope, type TenantScope } from "@/lib/tenancy";
import { authorizationLinkEmail } from "./email";
import { LINK_LIFETIME_SECONDS, signLinkToken, verifyLinkToken } from "./token";

// Authorization links (Flow 5): an integrator e-mails a customer a link to a page where they press
// CONNECT for one OAuth credential without an account. It works until it completes once, or 24 hours.

export const sendLinkInput = z.object({ email: z.email("Enter the customer's e-mail address").max(254) });

/** `link` is there only when no SMTP server sent it: shown once to the sender, to forward; the outbox keeps the mail without it. */
export type SentLink = { id: string; email: string; expiresAt: string; delivery: Delivery["via"]; link?: string };

/**
 * Creates a link for an authorization-code credential of the scope and e-mails it. Only the
 * organization's team sends links: a customer user can press CONNECT itself, and letting it mail a
 * working CONNECT for its connection, from the organization's sender, to any address would hand the
 * connection to outsiders and turn Latchkey into a mailer of the customer's choosing.
 */
export async function sendAuthorizationLink(
  db: Db,
  scope: TenantScope,
  target: { credentialId: string; instanceId?: string; connectionKey?: string; what: string },
  email: string,
  userId: string | null,
): Promise<SentLink> {
  if (isCustomerScope(scope))
    throw new ForbiddenError(
      "Only the organization's team sends authorization links; press CONNECT to authorize yourself",
    );
  const credential = await findCredential(db, scope, target.credentialId);
  if (!credential) throw new NotFoundError("No such credential");
  const method = await resolveCredentialMethod(db, scope.organizationId, credential.authMethod);
  if (!traitsOf(method).authorizes)
    throw new ValidationError("Only OAuth 2.0 authorization-code credentials are authorized by a link", {
      email: "This credential does not use the OAuth 2.0 authorization code flow",
    });
  const [organization] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, scope.organizationId))
    .limit(1);
  const expiresAt = new Date(Date.now() + LINK_LIFETIME_SECONDS * 1000);
  // Scopes are not secret (the provider shows them on its consent page too): kept on the link for its page.
  const scopes =
    (await resolveOAuthConnection(db, scope, { credentialId: credential.id })).values.scopes?.trim() || null;
  const [link] = await db
    .insert(authorizationLinks)
    .values({
      organizationId: scope.organizationId,
      customerId: credential.customerId,
      credentialId: credential.id,
      instanceId: target.instanceId ?? null,
      connectionKey: target.connectionKey ?? null,
      scopes,
      email,
      createdByUserId: userId,
      expiresAt,
    })
    .returning({ id: authorizationLinks.id });
  const url = `${env.baseUrl}/authorize/${await signLinkToken(link!.id, scope.organizationId, expiresAt)}`;
  const mail = { to: email, organizationName: organization?.name ?? "Your provider", what: target.what, expiresAt };
  // The outbox is read by the whole team for as long as it is kept: it gets the mail without the link.
  const delivery = await sendEmail(
    db,
    scope.organizationId,
    authorizationLinkEmail({ ...mail, url }),
    authorizationLinkEmail({ ...mail, url: null }),
  );
  await recordEvent(db, {
    organizationId: scope.organizationId,
    customerId: credential.customerId,
    credentialId: credential.id,
    instanceId: target.instanceId ?? null,
    name: "authorization link sent",
    level: "info",
    message: `Authorization link ${delivery.via === "outbox" ? `for ${email} made (no SMTP server: shown once to the sender to forward, the mail is in Settings → Outbox without it)` : `e-mailed to ${email}`}; it expires in 24 hours`,
  });
  return {
    id: link!.id,
    email,
    expiresAt: expiresAt.toISOString(),
    delivery: delivery.via,
    ...(delivery.via === "outbox" ? { link: url } : {}),
  };
}

export type OpenedLink = {
  id: string;
  organizationId: string;
  organizationName: string;
  customerId: string | null;
  credentialId: string;
  instanceId: string | null;
  connectionKey: string | null;
  scopes: string | null;
  email: string;
  expiresAt: Date;
};

export type LinkProblem = "invalid" | "expired" | "used" | "revoked";

/** The link a token names, if it still works; otherwise why not. */
export async function openAuthorizationLink(
  db: Db,
  token: string,
): Promise<{ ok: true; link: OpenedLink } | { ok: false; problem: LinkProblem }> {
  const verified = await verifyLinkToken(token);
  if (!verified.ok) return { ok: false, problem: verified.reason };
  const [row] = await db
    .select({ link: authorizationLinks, organizationName: organizations.name })
    .from(authorizationLinks)
    .innerJoin(organizations, eq(organizations.id, authorizationLinks.organizationId))
    .where(
      and(eq(authorizationLinks.id, verified.linkId), eq(authorizationLinks.organizationId, verified.organizationId)),
    )
    .limit(1);
  if (!row) return { ok: false, problem: "invalid" };
  if (row.link.revokedAt) return { ok: false, problem: "revoked" };
  if (row.link.completedAt) return { ok: false, problem: "used" };
  if (row.link.expiresAt.getTime() <= Date.now()) return { ok: false, problem: "expired" };
  const l = row.link;
  return {
    ok: true,
    link: {
      id: l.id,
      organizationId: l.organizationId,
      organizationName: row.organizationName,
      customerId: l.customerId,
      credentialId: l.credentialId,
      instanceId: l.instanceId,
      connectionKey: l.connectionKey,
      scopes: l.scopes,
      email: l.email,
      expiresAt: l.expiresAt,
    },
  };
}

/**
 * Marks a link used once its authorization has completed, and voids the link's other
 * authorizations in progress (the visitor may have pressed CONNECT more than once, and the link
 * works once). False when it was already used or revoked: the caller then stores nothing, so of two
 * flows started from one link only the first to finish counts.
 */
export async function completeAuthorizationLink(db: Db, organizationId: string, linkId: string): Promise<boolean> {
  const rows = await db
    .update(authorizationLinks)
    .set({ completedAt: new Date() })
    .where(
      and(
        eq(authorizationLinks.organizationId, organizationId),
        eq(authorizationLinks.id, linkId),
        isNull(authorizationLinks.completedAt),
        isNull(authorizationLinks.revokedAt),
      ),
    )
    .returning({ id: authorizationLinks.id });
  if (rows.length > 0) await voidLinkStates(db, organizationId, linkId);
  return rows.length > 0;
}

/** Consumes a link's states still in progress: their callbacks are then refused as already used. */
async function voidLinkStates(db: Db, organizationId: string, linkId: string): Promise<void> {
  await db
    .update(oauthStates)
    .set({ consumedAt: new Date() })
    .where(
      and(
        eq(oauthStates.organizationId, organizationId),
        eq(oauthStates.linkId, linkId),
        isNull(oauthStates.consumedAt),
      ),
    );
}

/** Whether the link can still complete an authorization (not used, not revoked). */
export async function linkStillOpen(db: Db, organizationId: string, linkId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: authorizationLinks.id })
    .from(authorizationLinks)
    .where(
      and(
        eq(authorizationLinks.organizationId, organizationId),
        eq(authorizationLinks.id, linkId),
        isNull(authorizationLinks.completedAt),
        isNull(authorizationLinks.revokedAt),
      ),
    )
    .limit(1);
  return !!row;
}

export type OutstandingLink = { id: string; email: string; createdAt: string; expiresAt: string };

/** A credential's links that still work (not used, revoked or expired), newest first. */
export async function listOutstandingLinks(
  db: Db,
  scope: TenantScope,
  credentialId: string,
): Promise<OutstandingLink[]> {
  const rows = await db
    .select({
      id: authorizationLinks.id,
      email: authorizationLinks.email,
      createdAt: authorizationLinks.createdAt,
      expiresAt: authorizationLinks.expiresAt,
    })
    .from(authorizationLinks)
    .where(
      and(
        eq(authorizationLinks.organizationId, scope.organizationId),
        eq(authorizationLinks.credentialId, credentialId),
        isNull(authorizationLinks.completedAt),
        isNull(authorizationLinks.revokedAt),
        gt(authorizationLinks.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(authorizationLinks.createdAt))
    .limit(20);
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
  }));
}

/** Withdraws a link of the organization: it opens nothing any more, and its flows in progress cannot complete. */
export async function revokeAuthorizationLink(
  db: Db,
  scope: TenantScope,
  linkId: string,
  userId: string | null,
): Promise<{ id: string; email: string }> {
  // Links are the organization's way to reach a customer: a customer user neither sends nor withdraws them.
  if (isCustomerScope(scope)) throw new ForbiddenError("Only the organization's team manages authorization links");
  const [row] = await db
    .update(authorizationLinks)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(authorizationLinks.organizationId, scope.organizationId),
        eq(authorizationLinks.id, linkId),
        isNull(authorizationLinks.revokedAt),
        isNull(authorizationLinks.completedAt),
      ),
    )
    .returning();
  if (!row) throw new NotFoundError("No such authorization link, or it was already used or revoked");
  await voidLinkStates(db, scope.organizationId, linkId);
  await recordEvent(db, {
    organizationId: row.organizationId,
    customerId: row.customerId,
    credentialId: row.credentialId,
    instanceId: row.instanceId,
    name: "authorization link revoked",
    level: "info",
    message: `Authorization link to ${row.email} revoked${userId ? " by a team member" : ""}; it no longer opens`,
  });
  return { id: row.id, email: row.email };
}

/** When a customer last completed an authorization link for this credential, if ever. */
export async function lastCustomerAuthorization(
  db: Db,
  organizationId: string,
  credentialId: string,
): Promise<{ email: string; completedAt: string } | null> {
  const [row] = await db
    .select({ email: authorizationLinks.email, completedAt: authorizationLinks.completedAt })
    .from(authorizationLinks)
    .where(
      and(
        eq(authorizationLinks.organizationId, organizationId),
        eq(authorizationLinks.credentialId, credentialId),
        isNotNull(authorizationLinks.completedAt),
      ),
    )
    .orderBy(desc(authorizationLinks.completedAt))
    .limit(1);
  return row?.completedAt ? { email: row.email, completedAt: row.completedAt.toISOString() } : null;
}
