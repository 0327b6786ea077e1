import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { appendConnectionLog } from "@/lib/connections/logs";
import { recordConnectionUse } from "@/lib/connections/usage";
import { readCredentialValues } from "@/lib/credentials/service";
import { readCredentialTokens } from "@/lib/credentials/tokens";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { getInstance } from "@/lib/instances/service";
import type { TenantScope } from "@/lib/tenancy";

// The runtime API: what integration code running for a customer receives for one connection. The
// one place secrets leave Latchkey, and so the one place each hand-over is logged.

export const runtimeValuesSchema = z
  .object({
    values: z.record(z.string(), z.string()),
    accessToken: z.string().nullable(),
    tokenType: z.string().nullable(),
    expiresAt: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "RuntimeValues" });
export type RuntimeValues = z.infer<typeof runtimeValuesSchema>;

/** The values of an instance's connection and its current access token; marks the connection used. */
export async function connectionRuntimeValues(db: Db, scope: TenantScope, instanceId: string, key: string): Promise<RuntimeValues> {
  const instance = await getInstance(db, scope, instanceId);
  const connection = instance.connections.find((c) => c.key === key);
  if (!connection) throw new NotFoundError(`No connection "${key}" in this instance`);
  if (!connection.credentialId) throw new ValidationError(`${connection.label} is not configured yet`);
  const owner = { organizationId: scope.organizationId, customerId: instance.customerId, credentialId: connection.credentialId, instanceId };
  const orgScope = { organizationId: scope.organizationId };
  const stored = await readCredentialValues(db, orgScope, connection.credentialId);
  const tokens = connection.kind === "fields" ? undefined : await readCredentialTokens(db, orgScope, connection.credentialId);
  if (connection.kind !== "fields" && !tokens) {
    const reason = connection.kind === "oauth2" ? "Not authorized: press CONNECT first" : "No token: the client credentials were refused or never saved";
    await recordConnectionUse(db, scope.organizationId, connection.credentialId, reason);
    throw new ValidationError(`${connection.label}: ${reason}`);
  }
  await recordConnectionUse(db, scope.organizationId, connection.credentialId, null);
  await appendConnectionLog(db, owner, { level: "info", event: "used", message: `Values${tokens ? " and access token" : ""} handed to integration code` });
  return {
    values: stored.values,
    accessToken: tokens?.tokens.accessToken ?? null,
    tokenType: tokens?.tokens.tokenType ?? null,
    expiresAt: tokens?.expiresAt?.toISOString() ?? null,
    metadata: tokens?.tokens.metadata ?? {},
  };
}
