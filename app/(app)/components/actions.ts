"use server";

import { action } from "@/lib/actions/action";
import { connectionTypeInputSchema } from "@/lib/connection-types/definition";
import { createConnectionType } from "@/lib/connection-types/service";

// Server actions of the Components screens.

export const createConnectionTypeAction = action({ schema: connectionTypeInputSchema, permission: "catalog:write" }, async (input, { db, user }) => {
  const created = await createConnectionType(db, user.organizationId, input);
  return { key: created.key, label: created.label };
});
