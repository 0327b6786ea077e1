"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import { typeKeyParams } from "@/lib/api/schemas-v1";
import { connectionTypeInputSchema, connectionTypePatchSchema } from "@/lib/connection-types/definition";
import { discoverConnectionType } from "@/lib/connection-types/discovery";
import { createConnectionType, deleteConnectionType, updateConnectionType } from "@/lib/connection-types/service";

// Server actions of the Components screens.

export const createConnectionTypeAction = action(
  { schema: connectionTypeInputSchema, permission: "catalog:write" },
  async (input, { db, user }) => {
    const created = await createConnectionType(db, user.organizationId, input);
    return { key: created.key, label: created.label };
  },
);

export const updateConnectionTypeAction = action(
  { schema: z.object({ key: typeKeyParams.shape.key, patch: connectionTypePatchSchema }), permission: "catalog:write" },
  async (input, { db, user }) => {
    const updated = await updateConnectionType(db, user.organizationId, input.key, input.patch);
    return { key: updated.key, label: updated.label };
  },
);

export const deleteConnectionTypeAction = action(
  { schema: typeKeyParams, permission: "catalog:write" },
  async (input, { db, user }) => {
    await deleteConnectionType(db, user.organizationId, input.key);
    return { key: input.key };
  },
);

// A draft type from an issuer's OAuth metadata, to review and save with createConnectionTypeAction.
export const discoverConnectionTypeAction = action(
  {
    schema: z.object({ issuer: z.string().trim().min(1, "Enter the issuer URL").max(2048) }),
    permission: "catalog:write",
  },
  async (input) => discoverConnectionType(input.issuer),
);
