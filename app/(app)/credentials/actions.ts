"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import { deleteCredential, newCredentialSchema } from "@/lib/credentials/service";
import { disconnect } from "@/lib/oauth/disconnect";
import {
  createCredentialWithToken,
  savedBut,
  tokenRefusalError,
  updateCredentialWithToken,
} from "@/lib/oauth/token-on-save";
import { scopeOf } from "@/lib/tenancy";

// Server actions of the credential screens. Values go in; nothing but the DTO comes back.

export const createCredentialAction = action(
  { schema: newCredentialSchema(), permission: "credentials:write" },
  async (input, { db, user }) => {
    const { credential, token } = await createCredentialWithToken(db, scopeOf(user), input, user.id);
    return {
      id: credential.id,
      label: credential.label,
      complete: credential.complete,
      statusReason: token && !token.ok ? savedBut(token) : credential.statusReason,
      tokenRefused: !!token && !token.ok,
    };
  },
);

export const updateCredentialAction = action(
  { schema: z.object({ id: z.uuid(), patch: z.record(z.string(), z.unknown()) }), permission: "credentials:write" },
  async (input, { db, user }) => {
    const { credential, token } = await updateCredentialWithToken(db, scopeOf(user), input.id, input.patch);
    // A client credentials credential fetches its token on save: a refusal is said at its field.
    const refused = tokenRefusalError(token);
    if (refused) throw refused;
    return { id: credential.id, complete: credential.complete, statusReason: credential.statusReason };
  },
);

export const deleteCredentialAction = action(
  { schema: z.object({ id: z.uuid() }), permission: "credentials:write" },
  async (input, { db, user }) => {
    await deleteCredential(db, scopeOf(user), input.id);
    return { id: input.id };
  },
);

export const disconnectCredentialAction = action(
  { schema: z.object({ id: z.uuid() }), permission: "credentials:write" },
  async (input, { db, user }) => {
    return disconnect(db, scopeOf(user), { credentialId: input.id });
  },
);
