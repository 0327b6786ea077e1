import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { configVariables, credentials, instanceConnections, instances, type ConfigVariable } from "@/db/schema";
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

/** An instance's connection of the organization, by key; NotFoundError for an unknown instance or key. */
export async function findRuntimeConnectionWithCiphertext(
  db: Db,
  organizationId: string,
  instanceId: string,
  key: string,
): Promise<RuntimeConnection> {
  const [row] = await db
    .select({
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
    })
    .from(instances)
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
    )
    .where(and(eq(instances.organizationId, organizationId), eq(instances.id, instanceId)))
    .limit(1);
  if (!row) throw new NotFoundError("No such instance");
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
