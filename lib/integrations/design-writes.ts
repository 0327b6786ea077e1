import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/db/client";
import { configVariables, integrationSteps, integrations } from "@/db/schema";
import { actionConnectionType } from "@/lib/connection-types/catalog/actions";
import { listConnectionTypes } from "@/lib/connection-types/registry";
import { isUniqueViolation } from "@/lib/db-errors";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { and, eq } from "drizzle-orm";
import { checkConfigVariable } from "./config-variables";
import { configVariableColumns, listConfigVariableRows } from "./queries";
import type { ConfigVariableInput, IntegrationInput, StepInput } from "./schemas";

// The parts every write of an integration's design is made of, inside the caller's transaction:
// storing a config variable or a step (binding it to its connection), the audit of what changed,
// and the errors a person can act on. The integration, config variable, step and whole-design
// services build on these.

/** A taken integration name as a ConflictError at `name`; any other error as it is. */
export function nameTaken(error: unknown): never {
  if (isUniqueViolation(error, "integrations_organization_name_unique"))
    throw new ConflictError("An integration with this name exists", {
      name: "Your organization already has an integration with this name",
    });
  throw error;
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

/** Stores a checked config variable at `position`; a taken key is a ConflictError at `${prefix}key`. */
export async function insertConfigVariable(
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

/** Stores a step at `position`, bound to its connection config variable (see bindStep). */
export async function insertStep(
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

// The parts of a design a write sets: its name and description, and each config variable and step by key or name.
export function designFields(input: IntegrationInput): string[] {
  return [
    "name",
    ...(input.description !== undefined ? ["description"] : []),
    ...input.configVariables.map((v) => `configVariables.${v.key}`),
    ...input.steps.map((step) => `steps.${step.name}`),
  ];
}

// A change to part of an integration's design, recorded in its transaction.
export function designChanged(tx: Db, organizationId: string, id: string, fields: string[]) {
  return recordAudit(tx, {
    organizationId,
    action: "integration.updated",
    target: { type: "integration", id },
    fields,
  });
}

// The integration must exist in the organization; its updatedAt moves with any change to its design.
export async function touch(tx: Db, organizationId: string, id: string) {
  const rows = await tx
    .update(integrations)
    .set({ updatedAt: new Date() })
    .where(and(eq(integrations.organizationId, organizationId), eq(integrations.id, id)))
    .returning({ id: integrations.id });
  if (rows.length === 0) throw new NotFoundError("No such integration");
}
