import "server-only";
import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { configVariables, connectionTypes, credentials, integrations, type NewConnectionTypeRow } from "@/db/schema";

/** The organization's custom connection types, by label. */
export function listCustomConnectionTypeRows(db: Db, organizationId: string) {
  return db
    .select()
    .from(connectionTypes)
    .where(eq(connectionTypes.organizationId, organizationId))
    .orderBy(asc(connectionTypes.label));
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
export async function insertConnectionTypeRow(
  db: Db,
  organizationId: string,
  row: Omit<NewConnectionTypeRow, "organizationId">,
) {
  const [inserted] = await db
    .insert(connectionTypes)
    .values({ ...row, organizationId })
    .onConflictDoNothing()
    .returning();
  return inserted ?? null;
}

/** Replaces the definition of a custom connection type of the organization; null when there is none. */
export async function updateConnectionTypeRow(
  db: Db,
  organizationId: string,
  key: string,
  row: Pick<NewConnectionTypeRow, "label" | "definition">,
) {
  const [updated] = await db
    .update(connectionTypes)
    .set({ ...row, updatedAt: new Date() })
    .where(and(eq(connectionTypes.organizationId, organizationId), eq(connectionTypes.key, key)))
    .returning();
  return updated ?? null;
}

/** Locks a custom connection type of the organization for the rest of the transaction; undefined when there is none. */
export async function lockCustomConnectionTypeRow(db: Db, organizationId: string, key: string) {
  const [row] = await db
    .select({ id: connectionTypes.id })
    .from(connectionTypes)
    .where(and(eq(connectionTypes.organizationId, organizationId), eq(connectionTypes.key, key)))
    .for("update");
  return row;
}

/** The organization's integrations with a config variable of this connection type, by name. */
export function listIntegrationsUsingType(db: Db, organizationId: string, key: string) {
  return db
    .selectDistinct({ id: integrations.id, name: integrations.name })
    .from(configVariables)
    .innerJoin(
      integrations,
      and(eq(integrations.id, configVariables.integrationId), eq(integrations.organizationId, organizationId)),
    )
    .where(and(eq(configVariables.organizationId, organizationId), eq(configVariables.connectionType, key)))
    .orderBy(asc(integrations.name))
    .limit(21);
}

/** How many of the organization's credentials hold values of this connection type. */
export async function countCredentialsOfType(db: Db, organizationId: string, key: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(credentials)
    .where(and(eq(credentials.organizationId, organizationId), eq(credentials.authMethod, key)));
  return row?.n ?? 0;
}

/** Deletes a custom connection type of the organization; whether there was one. */
export async function deleteConnectionTypeRow(db: Db, organizationId: string, key: string): Promise<boolean> {
  const rows = await db
    .delete(connectionTypes)
    .where(and(eq(connectionTypes.organizationId, organizationId), eq(connectionTypes.key, key)))
    .returning({ id: connectionTypes.id });
  return rows.length > 0;
}
