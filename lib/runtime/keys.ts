import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { listApiKeys } from "@/lib/api-keys/queries";
import { createRuntimeKey, revokeOrganizationApiKey, type createRuntimeKeySchema } from "@/lib/api-keys/service";
import { NotFoundError } from "@/lib/errors";
import { getInstance } from "@/lib/instances/service";
import type { TenantScope } from "@/lib/tenancy";

// Runtime keys: API keys that integration code running for one instance uses to fetch that
// instance's connections, and nothing else. Shown once at creation, like every API key.

export const runtimeKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    tokenPrefix: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "RuntimeKey" });
export type RuntimeKeyDto = z.infer<typeof runtimeKeySchema>;

type Row = {
  id: string;
  name: string;
  tokenPrefix: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};
const dto = (r: Row): RuntimeKeyDto => ({
  id: r.id,
  name: r.name,
  tokenPrefix: r.tokenPrefix,
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  revokedAt: r.revokedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

/** The runtime keys of an instance of the scope (NotFoundError outside it). */
export async function listRuntimeKeys(db: Db, scope: TenantScope, instanceId: string): Promise<RuntimeKeyDto[]> {
  await getInstance(db, scope, instanceId);
  return (await listApiKeys(db, scope.organizationId, instanceId)).map(dto);
}

/** Creates a runtime key for an instance of the scope; the token is returned this once. */
export async function addRuntimeKey(
  db: Db,
  scope: TenantScope,
  instanceId: string,
  createdByUserId: string | null,
  input: z.infer<typeof createRuntimeKeySchema>,
) {
  await getInstance(db, scope, instanceId);
  const { key, token } = await createRuntimeKey(db, scope.organizationId, instanceId, createdByUserId, input);
  return { ...dto(key), key: token };
}

/** Revokes a runtime key of an instance of the scope. */
export async function revokeRuntimeKey(db: Db, scope: TenantScope, instanceId: string, keyId: string): Promise<void> {
  const keys = await listRuntimeKeys(db, scope, instanceId);
  if (!keys.some((k) => k.id === keyId)) throw new NotFoundError("No such runtime key");
  await revokeOrganizationApiKey(db, scope.organizationId, keyId);
}
