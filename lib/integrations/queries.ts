import "server-only";
import { and, asc, desc, eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { configVariables, integrationSteps, integrations } from "@/db/schema";
import type { Cursor } from "@/lib/pagination";

/** Integrations of an organization, newest first, filtered by a substring of the name. */
export function listIntegrationRows(
  db: Db,
  organizationId: string,
  q: { search?: string; cursor?: Cursor; limit: number },
) {
  const pattern = q.search ? `%${q.search.toLowerCase().replace(/[\\%_]/g, (c) => "\\" + c)}%` : undefined;
  return db
    .select()
    .from(integrations)
    .where(
      and(
        eq(integrations.organizationId, organizationId),
        pattern ? sql`lower(${integrations.name}) like ${pattern}` : undefined,
        q.cursor
          ? or(
              lt(integrations.createdAt, q.cursor.createdAt),
              and(eq(integrations.createdAt, q.cursor.createdAt), lt(integrations.id, q.cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(integrations.createdAt), desc(integrations.id))
    .limit(q.limit + 1);
}

/** One integration of the organization. */
export async function findIntegrationRow(db: Db, organizationId: string, id: string) {
  const [row] = await db
    .select()
    .from(integrations)
    .where(and(eq(integrations.organizationId, organizationId), eq(integrations.id, id)))
    .limit(1);
  return row;
}

/** The config variables of an integration of the organization, in wizard order. */
export function listConfigVariableRows(db: Db, organizationId: string, integrationId: string) {
  return db
    .select()
    .from(configVariables)
    .where(and(eq(configVariables.organizationId, organizationId), eq(configVariables.integrationId, integrationId)))
    .orderBy(asc(configVariables.position), asc(configVariables.createdAt));
}

/** The steps of an integration of the organization, in order. */
export function listStepRows(db: Db, organizationId: string, integrationId: string) {
  return db
    .select()
    .from(integrationSteps)
    .where(and(eq(integrationSteps.organizationId, organizationId), eq(integrationSteps.integrationId, integrationId)))
    .orderBy(asc(integrationSteps.position), asc(integrationSteps.createdAt));
}
