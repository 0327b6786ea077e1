"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import type { Db } from "@/db/client";
import {
  createCredential,
  deleteCredential,
  getCredentialDto,
  newCredentialSchema,
  resolveCredentialMethod,
  updateCredential,
} from "@/lib/credentials/service";
import { ValidationError } from "@/lib/errors";
import { clientCredentialsToken } from "@/lib/oauth/client-credentials";
import { disconnect } from "@/lib/oauth/disconnect";
import type { TenantScope } from "@/lib/tenancy";
import { scopeOf } from "@/lib/tenancy";

// Server actions of the credential screens. Values go in; nothing but the DTO comes back.

export const createCredentialAction = action(
  { schema: newCredentialSchema(), permission: "credentials:write" },
  async (input, { db, user }) => {
    const created = await createCredential(db, scopeOf(user), input, user.id);
    const token = await fetchClientCredentialsToken(db, scopeOf(user), created.id);
    const now = token?.ok ? await getCredentialDto(db, scopeOf(user), created.id) : created;
    return {
      id: created.id,
      label: created.label,
      complete: now.complete,
      statusReason: token && !token.ok ? `saved, but ${token.message}` : now.statusReason,
    };
  },
);

export const updateCredentialAction = action(
  { schema: z.object({ id: z.uuid(), patch: z.record(z.string(), z.unknown()) }), permission: "credentials:write" },
  async (input, { db, user }) => {
    const updated = await updateCredential(db, scopeOf(user), input.id, input.patch);
    // A client credentials credential fetches its token on save: a refusal is said at its field.
    const token = await fetchClientCredentialsToken(db, scopeOf(user), updated.id);
    if (token && !token.ok)
      throw new ValidationError(
        `Saved, but ${token.message.charAt(0).toLowerCase()}${token.message.slice(1)}`,
        token.fields,
      );
    const now = token ? await getCredentialDto(db, scopeOf(user), updated.id) : updated;
    return { id: updated.id, complete: now.complete, statusReason: now.statusReason };
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

async function fetchClientCredentialsToken(db: Db, scope: TenantScope, credentialId: string) {
  const credential = await getCredentialDto(db, scope, credentialId);
  const method = await resolveCredentialMethod(db, scope.organizationId, credential.authMethod);
  if (method.oauth !== "client_credentials" || credential.fieldsSet.length === 0) return null;
  return clientCredentialsToken(db, scope, { credentialId });
}
