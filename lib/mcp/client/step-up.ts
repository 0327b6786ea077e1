import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { credentialTokens } from "@/db/schema";
import { recordEvent, type EventSubject } from "@/lib/connections/events";

// Step-up authorization (the MCP specification): a server that needs more than the token grants
// answers 403 with `WWW-Authenticate: Bearer error="insufficient_scope", scope="..."`. The scopes
// it names are kept on the connection's tokens, the connection turns red saying so, and the next
// CONNECT asks for the union of what was asked before and what the server now wants.

/** The scopes a 403 challenge asks for, or null when it is not an insufficient_scope challenge. */
export function insufficientScope(challenge: string | null): string[] | null {
  if (!challenge || !/error="?insufficient_scope"?/i.test(challenge)) return null;
  const scope = /scope="([^"]*)"/i.exec(challenge)?.[1] ?? "";
  return scope
    .split(/\s+/)
    .filter((s) => s.length > 0 && s.length <= 200 && !/[\0-\x1f]/.test(s))
    .slice(0, 50);
}

/** What the connection's status says until CONNECT: the proxied call's refusal names it. */
export function stepUpReason(scopes: string[]): string {
  return `The MCP server asks for more scopes${scopes.length > 0 ? `: ${scopes.join(" ")}` : ""}; press CONNECT again`;
}

/** Keeps the scopes a server asked for, and says on the connection's log that CONNECT is needed. */
export async function recordStepUp(db: Db, subject: EventSubject, scopes: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(credentialTokens)
      .set({
        stepUpScopes: sql`array(select distinct unnest(${credentialTokens.stepUpScopes} || array[${sql.join(
          scopes.map((s) => sql`${s}`),
          sql`, `,
        )}]::text[]))`,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(credentialTokens.organizationId, subject.organizationId),
          eq(credentialTokens.credentialId, subject.credentialId),
        ),
      );
    await recordEvent(tx, {
      ...subject,
      name: "more scopes needed",
      level: "warn",
      message: `${stepUpReason(scopes)} to grant them`,
      metadata: { scopes },
    });
  });
}

/** The scopes servers asked for on this credential since it was last authorized. */
export async function stepUpScopesOf(db: Db, organizationId: string, credentialId: string): Promise<string[]> {
  const [row] = await db
    .select({ scopes: credentialTokens.stepUpScopes })
    .from(credentialTokens)
    .where(and(eq(credentialTokens.organizationId, organizationId), eq(credentialTokens.credentialId, credentialId)));
  return row?.scopes ?? [];
}
