import "server-only";
import { and, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { authorizationLinks, organizations } from "@/db/schema";
import { appendConnectionLog } from "@/lib/connections/logs";
import { findCredential } from "@/lib/credentials/queries";
import { resolveCredentialMethod } from "@/lib/credentials/service";
import { sendEmail, type Delivery } from "@/lib/email/send";
import { env } from "@/lib/env";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { TenantScope } from "@/lib/tenancy";
import { authorizationLinkEmail } from "./email";
import { LINK_LIFETIME_SECONDS, signLinkToken, verifyLinkToken } from "./token";

// Authorization links (Flow 5): an integrator e-mails a customer a link to a page where they press
// CONNECT for one OAuth credential without an account. It works until it completes once, or 24 hours.

export const sendLinkInput = z.object({ email: z.email("Enter the customer's e-mail address").max(254) });

export type SentLink = { id: string; email: string; expiresAt: string; delivery: Delivery["via"] };

/** Creates a link for an authorization-code credential of the scope and e-mails it. */
export async function sendAuthorizationLink(
  db: Db,
  scope: TenantScope,
  target: { credentialId: string; instanceId?: string; connectionKey?: string; what: string },
  email: string,
  userId: string | null,
): Promise<SentLink> {
  const credential = await findCredential(db, scope, target.credentialId);
  if (!credential) throw new NotFoundError("No such credential");
  const method = await resolveCredentialMethod(db, scope.organizationId, credential.authMethod);
  if (method.oauth !== "authorization_code") throw new ValidationError("Only OAuth 2.0 authorization-code credentials are authorized by a link", { email: "This credential does not use the OAuth 2.0 authorization code flow" });
  const [organization] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, scope.organizationId)).limit(1);
  const expiresAt = new Date(Date.now() + LINK_LIFETIME_SECONDS * 1000);
  const [link] = await db
    .insert(authorizationLinks)
    .values({ organizationId: scope.organizationId, customerId: credential.customerId, credentialId: credential.id, instanceId: target.instanceId ?? null, connectionKey: target.connectionKey ?? null, email, createdByUserId: userId, expiresAt })
    .returning({ id: authorizationLinks.id });
  const url = `${env.baseUrl}/authorize/${await signLinkToken(link!.id, scope.organizationId, expiresAt)}`;
  const delivery = await sendEmail(db, scope.organizationId, authorizationLinkEmail({ to: email, organizationName: organization?.name ?? "Your provider", what: target.what, url, expiresAt }));
  await appendConnectionLog(db, { organizationId: scope.organizationId, customerId: credential.customerId, credentialId: credential.id, instanceId: target.instanceId ?? null }, {
    level: "info",
    event: "authorization link sent",
    message: `Authorization link e-mailed to ${email}${delivery.via === "outbox" ? " (no SMTP server: it is in Settings → Outbox)" : ""}; it expires in 24 hours`,
  });
  return { id: link!.id, email, expiresAt: expiresAt.toISOString(), delivery: delivery.via };
}

export type OpenedLink = {
  id: string;
  organizationId: string;
  organizationName: string;
  customerId: string | null;
  credentialId: string;
  instanceId: string | null;
  connectionKey: string | null;
  email: string;
  expiresAt: Date;
};

export type LinkProblem = "invalid" | "expired" | "used";

/** The link a token names, if it still works; otherwise why not. */
export async function openAuthorizationLink(db: Db, token: string): Promise<{ ok: true; link: OpenedLink } | { ok: false; problem: LinkProblem }> {
  const verified = await verifyLinkToken(token);
  if (!verified.ok) return { ok: false, problem: verified.reason };
  const [row] = await db
    .select({ link: authorizationLinks, organizationName: organizations.name })
    .from(authorizationLinks)
    .innerJoin(organizations, eq(organizations.id, authorizationLinks.organizationId))
    .where(and(eq(authorizationLinks.id, verified.linkId), eq(authorizationLinks.organizationId, verified.organizationId)))
    .limit(1);
  if (!row) return { ok: false, problem: "invalid" };
  if (row.link.completedAt) return { ok: false, problem: "used" };
  if (row.link.expiresAt.getTime() <= Date.now()) return { ok: false, problem: "expired" };
  const l = row.link;
  return { ok: true, link: { id: l.id, organizationId: l.organizationId, organizationName: row.organizationName, customerId: l.customerId, credentialId: l.credentialId, instanceId: l.instanceId, connectionKey: l.connectionKey, email: l.email, expiresAt: l.expiresAt } };
}

/** Marks a link used once its authorization has completed; false when it already was. */
export async function completeAuthorizationLink(db: Db, organizationId: string, linkId: string): Promise<boolean> {
  const rows = await db
    .update(authorizationLinks)
    .set({ completedAt: new Date() })
    .where(and(eq(authorizationLinks.organizationId, organizationId), eq(authorizationLinks.id, linkId), isNull(authorizationLinks.completedAt)))
    .returning({ id: authorizationLinks.id });
  return rows.length > 0;
}

/** When a customer last completed an authorization link for this credential, if ever. */
export async function lastCustomerAuthorization(db: Db, organizationId: string, credentialId: string): Promise<{ email: string; completedAt: string } | null> {
  const [row] = await db
    .select({ email: authorizationLinks.email, completedAt: authorizationLinks.completedAt })
    .from(authorizationLinks)
    .where(and(eq(authorizationLinks.organizationId, organizationId), eq(authorizationLinks.credentialId, credentialId), isNotNull(authorizationLinks.completedAt)))
    .orderBy(desc(authorizationLinks.completedAt))
    .limit(1);
  return row?.completedAt ? { email: row.email, completedAt: row.completedAt.toISOString() } : null;
}
