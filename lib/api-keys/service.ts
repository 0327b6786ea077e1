import "server-only";
import { audited } from "@/lib/audit/record";
import { z } from "zod";
import { NO_CONTROL_MESSAGE, noControl } from "@/lib/validation/text";
import type { Db } from "@/db/client";
import { apiKeyRoles } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { findLiveApiKeyByHash, insertApiKey, revokeApiKey, touchApiKey, type LiveKey } from "./queries";
import { hashApiKeyToken, newApiKeyToken } from "./token";

export const createApiKeySchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the key a name")
    .max(100, "Keep the name under 100 characters")
    .refine(noControl, NO_CONTROL_MESSAGE),
  role: z.enum(apiKeyRoles, { message: "Choose admin, builder or viewer" }).default("builder"),
});

/** What an API key authenticates as; `instanceId` set: a runtime key, for that instance's runtime API only. */
export type ApiPrincipal = {
  kind: "organization";
  organizationId: string;
  role: (typeof apiKeyRoles)[number];
  apiKeyId: string;
  /** The key's name, as the audit trail shows its actor. */
  apiKeyName: string;
  instanceId: string | null;
};

export const createRuntimeKeySchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the key a name")
    .max(100, "Keep the name under 100 characters")
    .refine(noControl, NO_CONTROL_MESSAGE),
});

/**
 * Creates a runtime key of an instance (the instance must be the organization's: callers check).
 * It is stored with the builder role, which holds runtime:read, and the API refuses it anything
 * but the runtime API of its instance (lib/api/route.ts).
 */
export async function createRuntimeKey(
  db: Db,
  organizationId: string,
  instanceId: string,
  createdByUserId: string | null,
  input: z.infer<typeof createRuntimeKeySchema>,
) {
  const { token, tokenHash, tokenPrefix } = newApiKeyToken();
  const key = await audited(
    db,
    (k) => ({
      organizationId,
      action: "runtime_key.created",
      target: { type: "runtime_key", id: k.id, name: input.name },
      fields: ["instanceId"],
    }),
    (tx: Db) =>
      insertApiKey(tx, organizationId, {
        name: input.name,
        role: "builder",
        tokenHash,
        tokenPrefix,
        createdByUserId,
        instanceId,
      }),
  );
  return { key, token };
}

/** Creates an API key; the token is returned this once and never stored. */
export async function createApiKey(
  db: Db,
  organizationId: string,
  createdByUserId: string | null,
  input: z.infer<typeof createApiKeySchema>,
) {
  const { token, tokenHash, tokenPrefix } = newApiKeyToken();
  const key = await audited(
    db,
    (k) => ({
      organizationId,
      action: "api_key.created",
      target: { type: "api_key", id: k.id, name: input.name },
      fields: ["name", "role"],
    }),
    (tx: Db) => insertApiKey(tx, organizationId, { ...input, tokenHash, tokenPrefix, createdByUserId }),
  );
  return { key, token };
}

/** Revokes a key of the organization. */
export async function revokeOrganizationApiKey(db: Db, organizationId: string, id: string): Promise<void> {
  await audited(db, { organizationId, action: "api_key.revoked", target: { type: "api_key", id } }, async (tx: Db) => {
    if (!(await revokeApiKey(tx, organizationId, id))) throw new NotFoundError("No such API key");
  });
}

/** Resolves a bearer token to its organization, or null. */
export async function authenticateApiKey(db: Db, token: string): Promise<ApiPrincipal | null> {
  const tokenHash = apiKeyTokenHash(token);
  if (!tokenHash) return null;
  const key = await findLiveApiKeyByHash(db, tokenHash);
  return key ? principalOf(db, key) : null;
}

/** The hash a token is looked up by, or null for a token no key could have. */
export function apiKeyTokenHash(token: string): string | null {
  return token.length < 16 || token.length > 512 ? null : hashApiKeyToken(token);
}

/** The principal of a live key found by its token's hash; notes the key's use, at most once a minute. */
export async function principalOf(db: Db, key: LiveKey): Promise<ApiPrincipal> {
  // At most once a minute, so that a busy key does not write on every request.
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000)
    await touchApiKey(db, key.organizationId, key.id);
  return {
    kind: "organization",
    organizationId: key.organizationId,
    role: key.role,
    apiKeyId: key.id,
    apiKeyName: key.name,
    instanceId: key.instanceId,
  };
}
