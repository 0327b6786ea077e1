import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { integrationSteps } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { designChanged, insertStep, touch } from "./design-writes";
import type { StepInput } from "./schemas";
import { getIntegration } from "./service";

// The integration designer's changes to the steps: add one (bound to its connection), remove one;
// each answers the integration as it now is.

/** Adds a step; an action that needs a connection binds to the named config variable or a new one. */
export async function addStep(db: Db, organizationId: string, integrationId: string, step: StepInput) {
  await db.transaction(async (tx) => {
    await touch(tx, organizationId, integrationId);
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(integrationSteps)
      .where(
        and(eq(integrationSteps.organizationId, organizationId), eq(integrationSteps.integrationId, integrationId)),
      );
    await insertStep(tx, organizationId, integrationId, step, n, "");
    await designChanged(tx, organizationId, integrationId, [`steps.${step.name}`]);
  });
  return getIntegration(db, organizationId, integrationId);
}

/** Removes a step; its connection config variable stays. */
export async function removeStep(db: Db, organizationId: string, integrationId: string, stepId: string) {
  await db.transaction(async (tx) => {
    const rows = await tx
      .delete(integrationSteps)
      .where(
        and(
          eq(integrationSteps.organizationId, organizationId),
          eq(integrationSteps.integrationId, integrationId),
          eq(integrationSteps.id, stepId),
        ),
      )
      .returning({ id: integrationSteps.id, name: integrationSteps.name });
    if (rows.length === 0) throw new NotFoundError("No such step");
    await designChanged(tx, organizationId, integrationId, [`steps.${rows[0]!.name}`]);
  });
  return getIntegration(db, organizationId, integrationId);
}
