import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { configVariables, integrationSteps, integrations, type ConfigVariable } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { checkConfigVariable } from "./config-variables";
import { designFields, insertConfigVariable, insertStep, nameTaken } from "./design-writes";
import { listConfigVariableRowsWithCiphertext } from "./queries";
import type { ConfigVariableInput, IntegrationDto, IntegrationInput } from "./schemas";
import { getIntegration } from "./service";

// Replacing an integration's whole design at once (the API's PUT), keeping what instances hold
// where the design allows it.

/**
 * Replaces an integration's whole design (PUT: the same body as POST), in one transaction.
 * Config variables are matched by key: a key that remains keeps its id, so instances keep their
 * connections; a key that goes takes its instances' connections with it, and so does a key whose
 * connection type changes (a connection of the old type cannot serve the new one). Settings left
 * out take their defaults, as on create, except secret defaults: nobody can read them back to
 * send them again, so one left out is kept (null clears it).
 */
export async function replaceIntegrationDesign(
  db: Db,
  organizationId: string,
  id: string,
  input: IntegrationInput,
): Promise<IntegrationDto> {
  try {
    await db.transaction(async (tx) => {
      const rows = await tx
        .update(integrations)
        .set({ name: input.name, description: input.description, updatedAt: new Date() })
        .where(and(eq(integrations.organizationId, organizationId), eq(integrations.id, id)))
        .returning({ id: integrations.id });
      if (rows.length === 0) throw new NotFoundError("No such integration");
      const stored = new Map(
        (await listConfigVariableRowsWithCiphertext(tx, organizationId, id)).map((v) => [v.key, v]),
      );
      // Steps are the design's order of work: they are written again after the variables settle.
      await tx
        .delete(integrationSteps)
        .where(and(eq(integrationSteps.organizationId, organizationId), eq(integrationSteps.integrationId, id)));
      const kept = new Set<string>();
      for (const [i, v] of input.configVariables.entries()) {
        const existing = stored.get(v.key);
        if (existing && existing.connectionType === v.connectionType) {
          await replaceConfigVariable(tx, organizationId, existing, v, i, `configVariables.${i}.`);
          kept.add(existing.id);
          continue;
        }
        if (existing) await deleteConfigVariableRow(tx, organizationId, existing.id);
        await insertConfigVariable(tx, organizationId, id, v, i, `configVariables.${i}.`);
      }
      for (const v of stored.values())
        if (!kept.has(v.id) && !input.configVariables.some((x) => x.key === v.key))
          await deleteConfigVariableRow(tx, organizationId, v.id);
      for (const [i, s] of input.steps.entries()) await insertStep(tx, organizationId, id, s, i, `steps.${i}.`);
      await recordAudit(tx, {
        organizationId,
        action: "integration.replaced",
        target: { type: "integration", id, name: input.name },
        fields: designFields(input),
      });
    });
  } catch (error) {
    nameTaken(error);
  }
  return getIntegration(db, organizationId, id);
}

async function replaceConfigVariable(
  tx: Db,
  organizationId: string,
  existing: ConfigVariable,
  input: ConfigVariableInput,
  position: number,
  prefix: string,
) {
  // Only the sealed secret defaults carry over; every other setting is what the input says.
  const base: ConfigVariable = { ...existing, fields: {}, successRedirectUrl: null, failureRedirectUrl: null };
  const { row } = await checkConfigVariable(tx, organizationId, input, base, prefix);
  await tx
    .update(configVariables)
    .set({ ...row, position, updatedAt: new Date() })
    .where(and(eq(configVariables.organizationId, organizationId), eq(configVariables.id, existing.id)));
}

async function deleteConfigVariableRow(tx: Db, organizationId: string, id: string) {
  await tx
    .delete(configVariables)
    .where(and(eq(configVariables.organizationId, organizationId), eq(configVariables.id, id)));
}
