import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { credentials } from "@/db/schema";

/** Records a use of a credential: a success (green) or a connection error (red, with the reason). */
export async function recordConnectionUse(db: Db, organizationId: string, credentialId: string, error: string | null): Promise<void> {
  const now = new Date();
  await db
    .update(credentials)
    .set(error === null ? { lastUsedAt: now } : { lastFailedAt: now, lastError: error.slice(0, 500) })
    .where(and(eq(credentials.organizationId, organizationId), eq(credentials.id, credentialId)));
}

/** Replaces every stored value that appears in a text (a provider may echo one back) with a mask. */
export function redactValues(text: string, values: Record<string, string>): string {
  let out = text;
  for (const value of Object.values(values)) if (value.length >= 4) out = out.split(value).join("•••");
  return out;
}
