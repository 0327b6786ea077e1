import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { integrations } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { decodeCursor, page } from "@/lib/pagination";
import { designChanged, designFields, insertConfigVariable, insertStep, nameTaken } from "./design-writes";
import { toIntegrationDto } from "./dto";
import { findIntegrationRow, listConfigVariableRows, listIntegrationRows, listStepRows } from "./queries";
import type { IntegrationDto, IntegrationInput } from "./schemas";

// Integrations of an organization: list, read, create with a whole design, rename and delete. The
// parts of the design change through ./config-variable-changes.ts, ./steps.ts and, all at once,
// ./replace-design.ts.

/** Integrations of the organization, a page at a time. */
export async function listIntegrations(
  db: Db,
  organizationId: string,
  q: { search?: string; cursor?: string; limit: number },
) {
  const rows = await listIntegrationRows(db, organizationId, { ...q, cursor: decodeCursor(q.cursor) });
  const p = page(rows, q.limit);
  return {
    data: await Promise.all(p.data.map((i) => getIntegration(db, organizationId, i.id))),
    nextCursor: p.nextCursor,
  };
}

/** One integration with its config variables and steps, or NotFoundError. */
export async function getIntegration(db: Db, organizationId: string, id: string): Promise<IntegrationDto> {
  const integration = await findIntegrationRow(db, organizationId, id);
  if (!integration) throw new NotFoundError("No such integration");
  const [variables, steps] = await Promise.all([
    listConfigVariableRows(db, organizationId, id),
    listStepRows(db, organizationId, id),
  ]);
  return toIntegrationDto(integration, variables, steps);
}

/** Creates an integration with its whole design; nothing is stored if any part is wrong. */
export async function createIntegration(
  db: Db,
  organizationId: string,
  input: IntegrationInput,
): Promise<IntegrationDto> {
  const id = randomUUID();
  try {
    await db.transaction(async (tx) => {
      await tx.insert(integrations).values({ id, organizationId, name: input.name, description: input.description });
      for (const [i, v] of input.configVariables.entries())
        await insertConfigVariable(tx, organizationId, id, v, i, `configVariables.${i}.`);
      for (const [i, s] of input.steps.entries()) await insertStep(tx, organizationId, id, s, i, `steps.${i}.`);
      await recordAudit(tx, {
        organizationId,
        action: "integration.created",
        target: { type: "integration", id, name: input.name },
        fields: designFields(input),
      });
    });
  } catch (error) {
    nameTaken(error);
  }
  return getIntegration(db, organizationId, id);
}

/** Renames or re-describes an integration. */
export async function updateIntegration(
  db: Db,
  organizationId: string,
  id: string,
  patch: { name?: string; description?: string },
) {
  try {
    await db.transaction(async (tx) => {
      const rows = await tx
        .update(integrations)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(integrations.organizationId, organizationId), eq(integrations.id, id)))
        .returning({ id: integrations.id });
      if (rows.length === 0) throw new NotFoundError("No such integration");
      await designChanged(
        tx,
        organizationId,
        id,
        Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined),
      );
    });
  } catch (error) {
    nameTaken(error);
  }
  return getIntegration(db, organizationId, id);
}

/** Deletes an integration with its instances (and the credentials they created). */
export async function deleteIntegration(db: Db, organizationId: string, id: string) {
  await db.transaction(async (tx) => {
    const rows = await tx
      .delete(integrations)
      .where(and(eq(integrations.organizationId, organizationId), eq(integrations.id, id)))
      .returning({ id: integrations.id, name: integrations.name });
    if (rows.length === 0) throw new NotFoundError("No such integration");
    await recordAudit(tx, {
      organizationId,
      action: "integration.deleted",
      target: { type: "integration", id, name: rows[0]!.name },
    });
  });
}
