import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { credentialTokens } from "@/db/schema";
import { openCredentialTokens, readCredentialTokens } from "@/lib/credentials/secrets";
import { refreshIfDue } from "@/lib/refresh/on-demand";
import type { TenantScope } from "@/lib/tenancy";

// The upstream refused a token that Latchkey thought good (a status in proxy.refreshOn): renew it
// once, under the refresh lease, and say what to retry with. Many calls refused at once (a job
// fanning out) must not each send the refresh token: a call whose token has already been replaced
// retries with the new one; the others make the token due only if it is still the one they were
// refused with (a compare-and-swap on the sealed token set) and then share refreshIfDue, which
// dedupes in this process and waits for the lease holder across processes.

export type Renewal = { accessToken: string } | { problem: string };

/** The sealed token set as stored now: the fence of the make-due below. */
async function heldTokensWithCiphertext(db: Db, scope: TenantScope, credentialId: string) {
  const [row] = await db
    .select({
      organizationId: credentialTokens.organizationId,
      customerId: credentialTokens.customerId,
      tokensCiphertext: credentialTokens.tokensCiphertext,
      needsReauthorization: credentialTokens.needsReauthorization,
    })
    .from(credentialTokens)
    .where(
      and(eq(credentialTokens.organizationId, scope.organizationId), eq(credentialTokens.credentialId, credentialId)),
    );
  return row;
}

/** A fresh access token after `refused` was turned away, or why there is none. */
export async function renewAfterRefusal(
  db: Db,
  scope: TenantScope,
  credentialId: string,
  refused: string,
): Promise<Renewal> {
  const row = await heldTokensWithCiphertext(db, scope, credentialId);
  if (!row) return { problem: "Disconnected: press CONNECT" };
  const held = await openCredentialTokens(db, { ...row, credentialId });
  if (held.accessToken === refused) {
    if (row.needsReauthorization) return { problem: "Re-authorization needed: press CONNECT" };
    await db
      .update(credentialTokens)
      .set({ nextRefreshAt: sql`least(coalesce(${credentialTokens.nextRefreshAt}, now()), now())` })
      .where(
        and(
          eq(credentialTokens.credentialId, credentialId),
          eq(credentialTokens.tokensCiphertext, row.tokensCiphertext),
          eq(credentialTokens.needsReauthorization, false),
        ),
      );
    await refreshIfDue(db, credentialId);
  }
  const now = await readCredentialTokens(db, scope, credentialId);
  if (!now) return { problem: "Disconnected while the token was being refreshed" };
  if (now.needsReauthorization)
    return { problem: "Re-authorization needed: the provider refused the refresh token; press CONNECT" };
  if (now.tokens.accessToken === refused)
    return { problem: "The token could not be refreshed; see the connection's log" };
  return { accessToken: now.tokens.accessToken };
}
