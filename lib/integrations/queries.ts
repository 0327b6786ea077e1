import "server-only";
import { and, asc, desc, eq, getTableColumns, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { configVariables, integrationSteps, integrations, type ConfigVariable } from "@/db/schema";
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

// A config variable without its sealed secret defaults: only queries named for the ciphertext select it.
const { secretDefaultsCiphertext: _sealed, ...configVariableColumns } = getTableColumns(configVariables);
export { configVariableColumns };
export type ConfigVariableRow = Omit<ConfigVariable, "secretDefaultsCiphertext">;

const ofIntegration = (organizationId: string, integrationId: string) =>
  and(eq(configVariables.organizationId, organizationId), eq(configVariables.integrationId, integrationId));

/** The config variables of an integration of the organization, in wizard order. */
export function listConfigVariableRows(
  db: Db,
  organizationId: string,
  integrationId: string,
): Promise<ConfigVariableRow[]> {
  return db
    .select(configVariableColumns)
    .from(configVariables)
    .where(ofIntegration(organizationId, integrationId))
    .orderBy(asc(configVariables.position), asc(configVariables.createdAt));
}

/** The config variables of an integration with their sealed secret defaults (the designer merges changes into them). */
export function listConfigVariableRowsWithCiphertext(db: Db, organizationId: string, integrationId: string) {
  return db
    .select()
    .from(configVariables)
    .where(ofIntegration(organizationId, integrationId))
    .orderBy(asc(configVariables.position), asc(configVariables.createdAt));
}

/** The sealed secret defaults of one config variable of the organization. */
export async function findSecretDefaultsCiphertext(db: Db, organizationId: string, id: string) {
  const [row] = await db
    .select({ secretDefaultsCiphertext: configVariables.secretDefaultsCiphertext })
    .from(configVariables)
    .where(and(eq(configVariables.organizationId, organizationId), eq(configVariables.id, id)))
    .limit(1);
  return row?.secretDefaultsCiphertext ?? null;
}

/** The steps of an integration of the organization, in order. */
export function listStepRows(db: Db, organizationId: string, integrationId: string) {
  return db
    .select()
    .from(integrationSteps)
    .where(and(eq(integrationSteps.organizationId, organizationId), eq(integrationSteps.integrationId, integrationId)))
    .orderBy(asc(integrationSteps.position), asc(integrationSteps.createdAt));
}
