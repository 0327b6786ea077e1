import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  configVariables,
  integrationSteps,
  integrations,
  type ConfigVariable,
  type Integration,
  type IntegrationStep,
} from "@/db/schema";
import { actionConnectionType } from "@/lib/connection-types/catalog/actions";
import { listConnectionTypes } from "@/lib/connection-types/registry";
import { isUniqueViolation } from "@/lib/db-errors";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { decodeCursor, page } from "@/lib/pagination";
import { checkConfigVariable } from "./config-variables";
import {
  findIntegrationRow,
  listConfigVariableRows,
  listConfigVariableRowsWithCiphertext,
  listIntegrationRows,
  listStepRows,
  configVariableColumns,
  type ConfigVariableRow,
} from "./queries";
import type { ConfigVariableInput, ConfigVariablePatch, IntegrationDto, IntegrationInput, StepInput } from "./schemas";

// Integrations and their design: config variables (the wizard) and steps that use them.

function toDto(integration: Integration, variables: ConfigVariableRow[], steps: IntegrationStep[]): IntegrationDto {
  const keyOf = new Map(variables.map((v) => [v.id, v.key]));
  return {
    id: integration.id,
    name: integration.name,
    description: integration.description,
    configVariables: variables.map((v) => ({
      id: v.id,
      key: v.key,
      label: v.label,
      type: "connection" as const,
      connectionType: v.connectionType,
      fields: Object.fromEntries(
        Object.entries(v.fields).map(([k, s]) => [
          k,
          {
            visibility: s.visibility,
            ...(s.default !== undefined ? { default: s.default } : {}),
            hasDefault: s.default !== undefined || !!s.hasSecretDefault,
          },
        ]),
      ),
      allowScopeOverride: v.allowScopeOverride,
      successRedirectUrl: v.successRedirectUrl,
      failureRedirectUrl: v.failureRedirectUrl,
      usedBySteps: steps.filter((s) => s.configVariableId === v.id).map((s) => s.name),
    })),
    steps: steps.map((s) => ({
      id: s.id,
      name: s.name,
      action: s.action,
      connection: s.configVariableId ? (keyOf.get(s.configVariableId) ?? null) : null,
    })),
    createdAt: integration.createdAt.toISOString(),
    updatedAt: integration.updatedAt.toISOString(),
  };
}

function nameTaken(error: unknown): never {
  if (isUniqueViolation(error, "integrations_organization_name_unique"))
    throw new ConflictError("An integration with this name exists", {
      name: "Your organization already has an integration with this name",
    });
  throw error;
}

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
  return toDto(integration, variables, steps);
}

/** The connection config variable a step binds to: the named one, or a new one of the action's type. */
async function bindStep(
  tx: Db,
  organizationId: string,
  integrationId: string,
  step: StepInput,
  prefix: string,
): Promise<string | null> {
  const types = await listConnectionTypes(tx, organizationId);
  const needed = actionConnectionType(step.action, types);
  if (needed === undefined)
    throw new ValidationError(`Unknown action "${step.action}"`, {
      [`${prefix}action`]: `Unknown action "${step.action}"`,
    });
  const variables = await listConfigVariableRows(tx, organizationId, integrationId);
  if (needed === null) {
    if (step.connection)
      throw new ValidationError("This action needs no connection", {
        [`${prefix}connection`]: "This action needs no connection",
      });
    return null;
  }
  if (step.connection) {
    const v = variables.find((x) => x.key === step.connection);
    if (!v)
      throw new ValidationError(`No config variable "${step.connection}"`, {
        [`${prefix}connection`]: `No connection config variable "${step.connection}" in this integration`,
      });
    if (v.connectionType !== needed)
      throw new ValidationError("Wrong connection type", {
        [`${prefix}connection`]: `${v.label} is a ${v.connectionType} connection; this action needs ${needed}`,
      });
    return v.id;
  }
  // No connection named: a new config variable of the action's type, keyed after it.
  const type = types.find((t) => t.key === needed)!;
  const taken = new Set(variables.map((v) => v.key));
  let key = type.key;
  for (let n = 2; taken.has(key); n++) key = `${type.key}_${n}`;
  const created = await insertConfigVariable(
    tx,
    organizationId,
    integrationId,
    {
      key,
      label: `${type.label} connection`,
      type: "connection",
      connectionType: type.key,
      fields: {},
      allowScopeOverride: false,
    },
    variables.length,
    "",
  );
  return created.id;
}

async function insertConfigVariable(
  tx: Db,
  organizationId: string,
  integrationId: string,
  input: ConfigVariableInput,
  position: number,
  prefix: string,
) {
  const { row } = await checkConfigVariable(tx, organizationId, input, undefined, prefix);
  try {
    const [created] = await tx
      .insert(configVariables)
      .values({ ...row, organizationId, integrationId, position })
      .returning(configVariableColumns);
    return created!;
  } catch (error) {
    if (isUniqueViolation(error, "config_variables_integration_key_unique"))
      throw new ConflictError("Duplicate key", {
        [`${prefix}key`]: `This integration already has a config variable "${input.key}"`,
      });
    throw error;
  }
}

async function insertStep(
  tx: Db,
  organizationId: string,
  integrationId: string,
  step: StepInput,
  position: number,
  prefix: string,
) {
  const configVariableId = await bindStep(tx, organizationId, integrationId, step, prefix);
  await tx
    .insert(integrationSteps)
    .values({ organizationId, integrationId, name: step.name, action: step.action, configVariableId, position });
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

// The parts of a design a write sets: its name and description, and each config variable and step by key or name.
function designFields(input: IntegrationInput): string[] {
  return [
    "name",
    ...(input.description !== undefined ? ["description"] : []),
    ...input.configVariables.map((v) => `configVariables.${v.key}`),
    ...input.steps.map((step) => `steps.${step.name}`),
  ];
}

// A change to part of an integration's design, recorded in its transaction.
function designChanged(tx: Db, organizationId: string, id: string, fields: string[]) {
  return recordAudit(tx, {
    organizationId,
    action: "integration.updated",
    target: { type: "integration", id },
    fields,
  });
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

async function touch(tx: Db, organizationId: string, id: string) {
  const rows = await tx
    .update(integrations)
    .set({ updatedAt: new Date() })
    .where(and(eq(integrations.organizationId, organizationId), eq(integrations.id, id)))
    .returning({ id: integrations.id });
  if (rows.length === 0) throw new NotFoundError("No such integration");
}

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
