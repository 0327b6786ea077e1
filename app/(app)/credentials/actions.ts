"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import { createCredential, deleteCredential, newCredentialSchema, updateCredential } from "@/lib/credentials/service";
import { scopeOf } from "@/lib/tenancy";

// Server actions of the credential screens. Values go in; nothing but the DTO comes back.

export const createCredentialAction = action({ schema: newCredentialSchema(), permission: "credentials:write" }, async (input, { db, user }) => {
  const created = await createCredential(db, scopeOf(user), input, user.id);
  return { id: created.id, label: created.label, complete: created.complete, statusReason: created.statusReason };
});

export const updateCredentialAction = action(
  { schema: z.object({ id: z.uuid(), patch: z.record(z.string(), z.unknown()) }), permission: "credentials:write" },
  async (input, { db, user }) => {
    const updated = await updateCredential(db, scopeOf(user), input.id, input.patch);
    return { id: updated.id, complete: updated.complete, statusReason: updated.statusReason };
  },
);

export const deleteCredentialAction = action({ schema: z.object({ id: z.uuid() }), permission: "credentials:write" }, async (input, { db, user }) => {
  await deleteCredential(db, scopeOf(user), input.id);
  return { id: input.id };
});
