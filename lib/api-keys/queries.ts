import "server-only";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys, type ApiKeyRole } from "@/db/schema";

// Never the hash: lists show the prefix only.
const apiKeyColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  role: apiKeys.role,
  tokenPrefix: apiKeys.tokenPrefix,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  createdAt: apiKeys.createdAt,
  instanceId: apiKeys.instanceId,
};

/** API keys of one organization, newest first: its organization keys, or the runtime keys of one instance. */
export function listApiKeys(db: Db, organizationId: string, instanceId: string | null = null) {
  return db
    .select(apiKeyColumns)
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.organizationId, organizationId),
        instanceId ? eq(apiKeys.instanceId, instanceId) : isNull(apiKeys.instanceId),
      ),
    )
    .orderBy(desc(apiKeys.createdAt));
}

/** Stores a new API key of an organization. */
export async function insertApiKey(
  db: Db,
  organizationId: string,
  key: {
    name: string;
    role: ApiKeyRole;
    tokenHash: string;
    tokenPrefix: string;
    createdByUserId: string | null;
    instanceId?: string | null;
  },
) {
  const [row] = await db
    .insert(apiKeys)
    .values({ ...key, organizationId })
    .returning(apiKeyColumns);
  if (!row) throw new Error("The API key was not stored");
  return row;
}

/** Revokes an API key of an organization; false if there is none to revoke. */
export async function revokeApiKey(db: Db, organizationId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.organizationId, organizationId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

/** What a key check reads of a key: who it is, what it may do, when it was last used. */
export const liveKeyColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  organizationId: apiKeys.organizationId,
  role: apiKeys.role,
  instanceId: apiKeys.instanceId,
  lastUsedAt: apiKeys.lastUsedAt,
};
export type LiveKey = NonNullable<Awaited<ReturnType<typeof findLiveApiKeyByHash>>>;

/** The live key with this hash, whichever organization owns it. */
export async function findLiveApiKeyByHash(db: Db, tokenHash: string) {
  const [row] = await db
    .select(liveKeyColumns)
    .from(apiKeys)
    .where(and(eq(apiKeys.tokenHash, tokenHash), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row;
}

/** Notes a key's use, at most once a minute so that busy keys do not write on every request. */
export async function touchApiKey(db: Db, organizationId: string, id: string): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.organizationId, organizationId),
        eq(apiKeys.id, id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
}
