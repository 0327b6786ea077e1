import "server-only";
import { recordHandOverAudit } from "@/lib/audit/record";
import { z } from "zod";
import type { Db } from "@/db/client";
import { recordHandOver } from "@/lib/connections/usage";
import { readCredentialTokens } from "@/lib/credentials/secrets";
import type { ReadTokens } from "@/lib/credentials/tokens";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { kindOf, type Kind } from "@/lib/connection-types/kinds";
import { clientCredentialsToken } from "@/lib/oauth/client-credentials";
import { refreshIfDue } from "@/lib/refresh/on-demand";
import { metrics, secondsSince } from "@/lib/ops/metrics";
import { openRuntimeValues, readRuntimeConnection, type RuntimeLoad } from "./lookup";
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

// A runtime call's outcome, as a metric label: a closed set of words.
function outcomeOf(error: unknown): string {
  if (error instanceof NotFoundError) return "not_found";
  if (error instanceof ValidationError) return "not_configured";
  if (error instanceof ConflictError) return "no_token";
  return "error";
}

/** The values of an instance's connection and a fresh access token; marks the connection used or failed. */
export async function connectionRuntimeValues(
  db: Db,
  scope: TenantScope,
  instanceId: string,
  key: string,
  read: RuntimeLoad = readRuntimeConnection(db),
): Promise<RuntimeValues> {
  const started = performance.now();
  let outcome = "ok";
  try {
    return await handOver(db, scope, instanceId, key, read);
  } catch (error) {
    outcome = outcomeOf(error);
    throw error;
  } finally {
    metrics.runtimeCalls.inc({ outcome });
    metrics.runtimeDuration.observe({ outcome }, secondsSince(started));
  }
}

async function handOver(
  db: Db,
  scope: TenantScope,
  instanceId: string,
  key: string,
  read: RuntimeLoad,
): Promise<RuntimeValues> {
  const connection = await read(scope.organizationId, instanceId, key);
  if (scope.customerId && connection.customerId !== scope.customerId) throw new NotFoundError("No such instance");
  const credential = connection.credential;
  if (!credential) throw new ValidationError(`${connection.label} is not configured yet`);
  const owner = {
    organizationId: scope.organizationId,
    customerId: connection.customerId,
    credentialId: credential.id,
    instanceId,
  };
  const orgScope = { organizationId: scope.organizationId };
  // What was entered, under the defaults the integration keeps for a wizard-made credential.
  const stored = await openRuntimeValues(db, { ...connection, credential });
  const tokens = kindOf(connection.kind).traits.holdsTokens
    ? await freshTokens(db, orgScope, { instanceId, key, credentialId: credential.id, kind: kindOf(connection.kind) })
    : undefined;
  if (tokens && "problem" in tokens) {
    await recordHandOver(db, {
      ...owner,
      name: "use failed",
      level: "error",
      message: `No usable access token for integration code: ${tokens.problem}`,
      outcome: { ok: false, reason: tokens.problem },
    });
    throw new ConflictError(`${connection.label}: ${tokens.problem}`);
  }
  // Both written before the values leave, side by side (neither reads the other's row). The audit
  // counts per connection, caller and minute: integration code may call in a tight loop.
  await Promise.all([
    recordHandOver(db, {
      ...owner,
      name: "used",
      level: "info",
      message: `Values${tokens ? " and access token" : ""} handed to integration code`,
      outcome: { ok: true },
    }),
    recordHandOverAudit(db, {
      organizationId: scope.organizationId,
      action: "secrets.handed_over",
      target: { type: "connection", id: `${instanceId}/${key}`, name: connection.label },
      fields: [...Object.keys(stored.values), ...(tokens ? ["accessToken"] : [])],
    }),
  ]);
  return {
    values: stored.values,
    accessToken: tokens?.tokens.accessToken ?? null,
    tokenType: tokens?.tokens.tokenType ?? null,
    expiresAt: tokens?.expiresAt?.toISOString() ?? null,
    metadata: tokens?.tokens.metadata ?? {},
  };
}

/**
 * The connection's token set, refreshed first when it is due (or fetched, for client credentials
 * that have none yet), or why there is no usable one. A failed refresh still hands over a token
 * that has not expired: the refresh will be retried, and the token works until then.
 */
export async function freshTokens(
  db: Db,
  scope: TenantScope,
  c: { instanceId: string; key: string; credentialId: string; kind: Kind },
): Promise<ReadTokens | { problem: string }> {
  let tokens = await readCredentialTokens(db, scope, c.credentialId);
  if (!tokens && c.kind.traits.fetchesOnSave) {
    const fetched = await clientCredentialsToken(db, scope, { instanceId: c.instanceId, configVarKey: c.key });
    if (!fetched.ok) return { problem: fetched.message };
    tokens = await readCredentialTokens(db, scope, c.credentialId);
  }
  if (!tokens)
    return {
      problem: c.kind.traits.authorizes
        ? "Not authorized: press CONNECT first"
        : "No token: the client credentials were refused or never saved",
    };
  // Due, or already expired while a backoff waits (after an outage the provider may be back: the
  // caller needs a token now, and refreshIfDue spaces such attempts out per credential).
  const expired = !!tokens.expiresAt && tokens.expiresAt.getTime() <= Date.now();
  if (
    !tokens.needsReauthorization &&
    tokens.nextRefreshAt &&
    (tokens.nextRefreshAt.getTime() <= Date.now() || expired)
  ) {
    await refreshIfDue(db, c.credentialId);
    tokens = await readCredentialTokens(db, scope, c.credentialId);
    if (!tokens) return { problem: "Disconnected while the token was being refreshed" };
  }
  if (tokens.needsReauthorization)
    return { problem: "Re-authorization needed: the provider refused the refresh token; press CONNECT" };
  if (tokens.expiresAt && tokens.expiresAt.getTime() <= Date.now())
    return {
      problem: `The access token expired at ${tokens.expiresAt.toISOString()} and could not be refreshed; see the connection's log`,
    };
  return tokens;
}
