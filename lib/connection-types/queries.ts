import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connectionTypes, type NewConnectionTypeRow } from "@/db/schema";

/** The organization's custom connection types, by label. */
export function listCustomConnectionTypeRows(db: Db, organizationId: string) {
  return db.select().from(connectionTypes).where(eq(connectionTypes.organizationId, organizationId)).orderBy(asc(connectionTypes.label));
}

/** One custom connection type of the organization, by key. */
export async function findCustomConnectionTypeRow(db: Db, organizationId: string, key: string) {
  const [row] = await db
    .select()
    .from(connectionTypes)
    .where(and(eq(connectionTypes.organizationId, organizationId), eq(connectionTypes.key, key)))
    .limit(1);
  return row;
}

/** Stores a custom connection type of the organization; null when its key is taken. */
export async function insertConnectionTypeRow(db: Db, organizationId: string, row: Omit<NewConnectionTypeRow, "organizationId">) {
  const [inserted] = await db
    .insert(connectionTypes)
    .values({ ...row, organizationId })
    .onConflictDoNothing()
    .returning();
  return inserted ?? null;
}
