"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import { addSigningKey, addSigningKeySchema, deleteSigningKey } from "@/lib/embedding/signing-keys";
import { updateOrganization } from "@/lib/organizations/queries";
import { embeddingOriginsSchema } from "@/lib/organizations/schemas";

// Server actions of Settings → Embedding; admins only (the same permission as PATCH /api/v1/organization).

export const addSigningKeyAction = action(
  { schema: addSigningKeySchema, permission: "organization:manage" },
  async (input, { db, user }) => {
    const key = await addSigningKey(db, user.organizationId, input, user.id);
    return { id: key.id, label: key.label, algorithm: key.algorithm };
  },
);

export const deleteSigningKeyAction = action(
  { schema: z.object({ id: z.uuid() }), permission: "organization:manage" },
  async (input, { db, user }) => {
    await deleteSigningKey(db, user.organizationId, input.id);
    return { id: input.id };
  },
);

export const updateEmbeddingOriginsAction = action(
  { schema: embeddingOriginsSchema, permission: "organization:manage" },
  async (input, { db, user }) => {
    const saved = await updateOrganization(db, user.organizationId, input);
    return { allowedFrameOrigins: saved.allowedFrameOrigins, allowedRedirectOrigins: saved.allowedRedirectOrigins };
  },
);
