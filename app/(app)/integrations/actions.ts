"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import { configVariableInput, configVariablePatch, integrationPatch, stepInput } from "@/lib/integrations/schemas";
import {
  addConfigVariable,
  removeConfigVariable,
  updateConfigVariable,
} from "@/lib/integrations/config-variable-changes";
import { createIntegration, deleteIntegration, updateIntegration } from "@/lib/integrations/service";
import { addStep, removeStep } from "@/lib/integrations/steps";

// Server actions of the integration designer; each answers the smallest thing its form needs.

const id = z.uuid();

export const createIntegrationAction = action(
  {
    schema: z.object({
      name: z.string().trim().min(1, "An integration needs a name").max(100, "A name is at most 100 characters"),
      description: z.string().trim().max(1000).default(""),
    }),
    permission: "catalog:write",
  },
  async (input, { db, user }) => {
    const created = await createIntegration(db, user.organizationId, { ...input, configVariables: [], steps: [] });
    return { id: created.id, name: created.name };
  },
);

export const updateIntegrationAction = action(
  { schema: z.object({ id, patch: integrationPatch }), permission: "catalog:write" },
  async (input, { db, user }) => {
    const updated = await updateIntegration(db, user.organizationId, input.id, input.patch);
    return { id: updated.id, name: updated.name };
  },
);

export const deleteIntegrationAction = action(
  { schema: z.object({ id }), permission: "catalog:write" },
  async (input, { db, user }) => {
    await deleteIntegration(db, user.organizationId, input.id);
    return { id: input.id };
  },
);

export const addConfigVariableAction = action(
  { schema: z.object({ integrationId: id, variable: configVariableInput }), permission: "catalog:write" },
  async (input, { db, user }) => {
    await addConfigVariable(db, user.organizationId, input.integrationId, input.variable);
    return { key: input.variable.key, label: input.variable.label };
  },
);

export const updateConfigVariableAction = action(
  {
    schema: z.object({ integrationId: id, key: z.string().max(64), patch: configVariablePatch }),
    permission: "catalog:write",
  },
  async (input, { db, user }) => {
    await updateConfigVariable(db, user.organizationId, input.integrationId, input.key, input.patch);
    return { key: input.key };
  },
);

export const removeConfigVariableAction = action(
  { schema: z.object({ integrationId: id, key: z.string().max(64) }), permission: "catalog:write" },
  async (input, { db, user }) => {
    await removeConfigVariable(db, user.organizationId, input.integrationId, input.key);
    return { key: input.key };
  },
);

export const addStepAction = action(
  { schema: z.object({ integrationId: id, step: stepInput }), permission: "catalog:write" },
  async (input, { db, user }) => {
    const integration = await addStep(db, user.organizationId, input.integrationId, input.step);
    const added = integration.steps.at(-1);
    return { name: input.step.name, connection: added?.connection ?? null };
  },
);

export const removeStepAction = action(
  { schema: z.object({ integrationId: id, stepId: id }), permission: "catalog:write" },
  async (input, { db, user }) => {
    await removeStep(db, user.organizationId, input.integrationId, input.stepId);
    return { id: input.stepId };
  },
);
