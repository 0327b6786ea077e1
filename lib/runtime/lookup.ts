import "server-only";
import { and, eq, isNull, sql, type Placeholder } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import { liveKeyColumns, type LiveKey } from "@/lib/api-keys/queries";
import type { Db } from "@/db/client";
import { perDb } from "@/db/prepared";
import {
  apiKeys,
  configVariables,
  credentials,
  instanceConnections,
  instances,
  type ConfigVariable,
} from "@/db/schema";
import type { ConnectionKind } from "@/lib/connection-types/names";
import type { ConnectionType } from "@/lib/connection-types/definition";
import { findConnectionType } from "@/lib/connection-types/registry";
import { withInheritedValues, withPolicyDefaults } from "@/lib/credentials/field-policy";
import { openCredentialValues, type StoredSecret } from "@/lib/credentials/secrets";
import { NotFoundError } from "@/lib/errors";

// The runtime API's one read: the instance, its connection by key, the credential bound to it and,
// for a credential this connection's wizard made, the config variable whose defaults it inherits,
// in a single query. The runtime endpoint and the proxy are the hot path of every integration run,
// so they neither assemble the whole instance the screens show nor read the field policy again.

export type RuntimeConnection = {
  instanceId: string;
  customerId: string;
  label: string;
  kind: ConnectionKind;
  /** The connection type; undefined when the integration names one that no longer exists. */
  type: ConnectionType | undefined;
  credential: { id: string; organizationId: string; customerId: string | null; valuesCiphertext: string | null } | null;
  /**
   * Whose defaults the credential's values inherit: this connection's config variable (its wizard
   * made the credential), none (the credential is its owner's alone), or another connection's
   * (read again at use: a rare sharing the one query does not cover).
   */
  inherits: { from: "this"; variable: ConfigVariable } | { from: "none" } | { from: "elsewhere" };
};

/** Reads a connection for the runtime: the one read, or a connection the caller has already read under the same names. */
export type RuntimeLoad = (organizationId: string, instanceId: string, key: string) => Promise<RuntimeConnection>;

// The columns and joins of the one read, from the instance on: the plain read starts from the
// instance, the fused read of a runtime call (below) from the caller's API key.
function connectionColumnsWithCiphertext() {
  return {
    instanceId: instances.id,
    customerId: instances.customerId,
    variable: configVariables,
    credential: {
      id: credentials.id,
      organizationId: credentials.organizationId,
      customerId: credentials.customerId,
      valuesCiphertext: credentials.valuesCiphertext,
    },
    // The config variable whose wizard made the credential, if any did (at most one owns it).
    ownerVariableId: sql<string | null>`(select o.config_variable_id from ${instanceConnections} o
      where o.organization_id = ${instances.organizationId} and o.credential_id = ${credentials.id} and o.owns_credential
      limit 1)`,
  };
}

function joinConnection<Q extends PgSelect>(query: Q, key: string | Placeholder) {
  return query
    .leftJoin(
      configVariables,
      and(
        eq(configVariables.organizationId, instances.organizationId),
        eq(configVariables.integrationId, instances.integrationId),
        eq(configVariables.key, key),
      ),
    )
    .leftJoin(
      instanceConnections,
      and(
        eq(instanceConnections.instanceId, instances.id),
        eq(instanceConnections.configVariableId, configVariables.id),
      ),
    )
    .leftJoin(
      credentials,
      and(
        eq(credentials.organizationId, instances.organizationId),
        eq(credentials.id, instanceConnections.credentialId),
      ),
    );
}

type ConnectionRow = {
  instanceId: string | null;
  customerId: string | null;
  variable: ConfigVariable | null;
  credential: RuntimeConnection["credential"];
  ownerVariableId: string | null;
};

/** An instance's connection of the organization, by key; NotFoundError for an unknown instance or key. */
export async function findRuntimeConnectionWithCiphertext(
  db: Db,
  organizationId: string,
  instanceId: string,
  key: string,
): Promise<RuntimeConnection> {
  const [row] = await joinConnection(db.select(connectionColumnsWithCiphertext()).from(instances).$dynamic(), key)
    .where(and(eq(instances.organizationId, organizationId), eq(instances.id, instanceId)))
    .limit(1);
  return runtimeConnectionOf(db, organizationId, key, row);
}

async function runtimeConnectionOf(
  db: Db,
  organizationId: string,
  key: string,
  row: ConnectionRow | undefined,
): Promise<RuntimeConnection> {
  if (!row?.instanceId || !row.customerId) throw new NotFoundError("No such instance");
  const variable = row.variable;
  if (!variable) throw new NotFoundError(`No connection "${key}" in this instance`);
  const type = await findConnectionType(db, organizationId, variable.connectionType);
  return {
    instanceId: row.instanceId,
    customerId: row.customerId,
    label: variable.label,
    kind: type?.kind ?? "fields",
    type,
    credential: row.credential,
    inherits: !row.ownerVariableId
      ? { from: "none" }
      : row.ownerVariableId === variable.id
        ? { from: "this", variable }
        : { from: "elsewhere" },
  };
}

/** The API key a runtime call presents, as the key check needs it. */
export type RuntimeCaller = LiveKey;

/**
 * The runtime call's fused read (the hot path's one round trip before the call itself): the live
 * API key with this token hash and, in its own organization, the instance's connection by key.
 * Nothing about the connection is given out here: the answer's `load` hands the row over only to
 * a runtime read of the very same organization, instance and key (one the key is then allowed to
 * make, lib/runtime/access.ts), and reads again for any other.
 */
export async function findCallerWithConnectionCiphertext(
  db: Db,
  tokenHash: string,
  instanceId: string,
  key: string,
): Promise<{ caller: RuntimeCaller; load: RuntimeLoad } | undefined> {
  const [row] = await fusedReadOf(db).execute({ tokenHash, instanceId, key });
  if (!row) return undefined;
  const { caller, ...read } = row as ConnectionRow & { caller: RuntimeCaller };
  const load: RuntimeLoad = (organizationId, asked, askedKey) =>
    organizationId === caller.organizationId && asked === instanceId && askedKey === key
      ? runtimeConnectionOf(db, organizationId, key, read)
      : findRuntimeConnectionWithCiphertext(db, organizationId, asked, askedKey);
  return { caller, load };
}

// Built once per database handle and prepared: the hot path skips building its SQL on every call.
const fusedReadOf = perDb(prepareFusedRead);

function prepareFusedRead(db: Db) {
  const key = sql.placeholder("key");
  return joinConnection(
    db
      .select({
        caller: liveKeyColumns,
        ...connectionColumnsWithCiphertext(),
      })
      .from(apiKeys)
      .leftJoin(
        instances,
        and(eq(instances.organizationId, apiKeys.organizationId), eq(instances.id, sql.placeholder("instanceId"))),
      )
      .$dynamic(),
    key,
  )
    .where(and(eq(apiKeys.tokenHash, sql.placeholder("tokenHash")), isNull(apiKeys.revokedAt)))
    .limit(1)
    .prepare("runtime_caller_connection");
}

/** The plain runtime read, for callers that hold no fused read. */
export const readRuntimeConnection =
  (db: Db): RuntimeLoad =>
  (organizationId, instanceId, key) =>
    findRuntimeConnectionWithCiphertext(db, organizationId, instanceId, key);

/** What the connection's credential holds, under the defaults it inherits: the values integration code is given. */
export async function openRuntimeValues(
  db: Db,
  connection: RuntimeConnection & { credential: NonNullable<RuntimeConnection["credential"]> },
): Promise<StoredSecret> {
  const stored = await openCredentialValues(db, connection.credential);
  const inherits = connection.inherits;
  if (inherits.from === "none") return stored;
  if (inherits.from === "elsewhere") return withInheritedValues(db, connection.credential, stored);
  const { secretDefaultsCiphertext, ...variable } = inherits.variable;
  return withPolicyDefaults(db, stored, { variable, sealed: secretDefaultsCiphertext, type: connection.type });
}
