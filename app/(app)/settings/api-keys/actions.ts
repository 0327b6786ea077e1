"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import { createApiKey, createApiKeySchema, revokeOrganizationApiKey } from "@/lib/api-keys/service";

// Server actions of Settings → API keys; admins only.

export const createApiKeyAction = action(
  { schema: createApiKeySchema, permission: "api-keys:manage" },
  async (input, { db, user }) => {
    const { key, token } = await createApiKey(db, user.organizationId, user.id, input);
    // The one moment the key leaves the server: shown once to the admin who created it.
    return { id: key.id, name: key.name, token };
  },
);

export const revokeApiKeyAction = action(
  { schema: z.object({ id: z.uuid() }), permission: "api-keys:manage" },
  async (input, { db, user }) => {
    await revokeOrganizationApiKey(db, user.organizationId, input.id);
    return { id: input.id };
  },
);
