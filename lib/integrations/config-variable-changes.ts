import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { configVariables } from "@/db/schema";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { checkConfigVariable } from "./config-variables";
import { designChanged, insertConfigVariable, touch } from "./design-writes";
import { listConfigVariableRows, listConfigVariableRowsWithCiphertext, listStepRows } from "./queries";
import type { ConfigVariableInput, ConfigVariablePatch } from "./schemas";
import { getIntegration } from "./service";

// The integration designer's changes to one connection config variable (the wizard): add, change,
// remove; each answers the integration as it now is.

/** Adds a connection config variable to an integration. */
export async function addConfigVariable(
  db: Db,
  organizationId: string,
  integrationId: string,
  input: ConfigVariableInput,
) {
  await db.transaction(async (tx) => {
    await touch(tx, organizationId, integrationId);
    const count = (await listConfigVariableRows(tx, organizationId, integrationId)).length;
    await insertConfigVariable(tx, organizationId, integrationId, input, count, "");
    await designChanged(tx, organizationId, integrationId, [`configVariables.${input.key}`]);
  });
  return getIntegration(db, organizationId, integrationId);
}

/** Changes a config variable's label, field defaults and visibility, scope override or redirect URLs. */
export async function updateConfigVariable(
  db: Db,
  organizationId: string,
  integrationId: string,
  key: string,
  patch: ConfigVariablePatch,
) {
  await db.transaction(async (tx) => {
    await touch(tx, organizationId, integrationId);
    const existing = (await listConfigVariableRowsWithCiphertext(tx, organizationId, integrationId)).find(
      (v) => v.key === key,
    );
    if (!existing) throw new NotFoundError("No such config variable");
    const { row } = await checkConfigVariable(
      tx,
      organizationId,
      { ...patch, key, connectionType: existing.connectionType },
      existing,
    );
    await tx
      .update(configVariables)
      .set({ ...row, updatedAt: new Date() })
      .where(and(eq(configVariables.organizationId, organizationId), eq(configVariables.id, existing.id)));
    await designChanged(
      tx,
      organizationId,
      integrationId,
      Object.keys(patch).map((name) => `configVariables.${key}.${name}`),
    );
  });
  return getIntegration(db, organizationId, integrationId);
}

/** Removes a config variable that no step uses (its instances' connections go with it). */
export async function removeConfigVariable(db: Db, organizationId: string, integrationId: string, key: string) {
  await db.transaction(async (tx) => {
    await touch(tx, organizationId, integrationId);
    const existing = (await listConfigVariableRows(tx, organizationId, integrationId)).find((v) => v.key === key);
    if (!existing) throw new NotFoundError("No such config variable");
    const users = (await listStepRows(tx, organizationId, integrationId)).filter(
      (s) => s.configVariableId === existing.id,
    );
    if (users.length > 0)
      throw new ConflictError(
        `Steps use ${existing.label}: ${users.map((s) => s.name).join(", ")}. Remove them or bind them to another connection first.`,
      );
    await tx
      .delete(configVariables)
      .where(and(eq(configVariables.organizationId, organizationId), eq(configVariables.id, existing.id)));
    await designChanged(tx, organizationId, integrationId, [`configVariables.${key}`]);
  });
  return getIntegration(db, organizationId, integrationId);
}
