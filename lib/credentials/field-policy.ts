import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { configVariables, instanceConnections, type FieldVisibility } from "@/db/schema";
import type { ConnectionType } from "@/lib/connection-types/definition";
import { findConnectionType } from "@/lib/connection-types/registry";
import { configVariableColumns, type ConfigVariableRow } from "@/lib/integrations/queries";
import { openSecretDefaults, readSecretDefaults } from "./secrets";

// The fields of a credential that an instance's wizard made: their visibility and the defaults the
// integration keeps for them. Such a credential holds only what the customer or partner entered;
// the organization's defaults stay on the config variable and are merged in at use, so a default
// changed in the designer (a rotated client secret) takes effect for every instance at once.

export type FieldPolicy = {
  variable: ConfigVariableRow;
  type: ConnectionType | undefined;
  visibilityOf: (key: string) => FieldVisibility;
  /** Fields the integration or the type supplies a default for: they count as set. */
  inherited: ReadonlySet<string>;
};

/** The policy of a config variable of this type. A field the config variable does not mention is "customer", as in the designer. */
export function fieldPolicyOf(variable: ConfigVariableRow, type: ConnectionType | undefined): FieldPolicy {
  const settings = new Map(Object.entries(variable.fields));
  const inherited = new Set<string>();
  for (const f of type?.fields ?? []) if (f.default !== undefined && f.default !== "") inherited.add(f.key);
  for (const [key, s] of settings) if (s.default !== undefined || s.hasSecretDefault) inherited.add(key);
  return { variable, type, visibilityOf: (key) => settings.get(key)?.visibility ?? "customer", inherited };
}

/** The policies of the given credentials that an instance's wizard made (others have none: all their fields are their owner's). */
export async function credentialFieldPolicies(
  db: Db,
  organizationId: string,
  credentialIds: readonly string[],
): Promise<Map<string, FieldPolicy>> {
  const policies = new Map<string, FieldPolicy>();
  if (credentialIds.length === 0) return policies;
  const rows = await db
    .select({ credentialId: instanceConnections.credentialId, variable: configVariableColumns })
    .from(instanceConnections)
    .innerJoin(
      configVariables,
      and(
        eq(configVariables.organizationId, instanceConnections.organizationId),
        eq(configVariables.id, instanceConnections.configVariableId),
      ),
    )
    .where(
      and(
        eq(instanceConnections.organizationId, organizationId),
        eq(instanceConnections.ownsCredential, true),
        inArray(instanceConnections.credentialId, [...new Set(credentialIds)]),
      ),
    );
  const types = new Map<string, ConnectionType | undefined>();
  for (const row of rows) {
    if (!row.credentialId || policies.has(row.credentialId)) continue;
    if (!types.has(row.variable.connectionType))
      types.set(row.variable.connectionType, await findConnectionType(db, organizationId, row.variable.connectionType));
    policies.set(row.credentialId, fieldPolicyOf(row.variable, types.get(row.variable.connectionType)));
  }
  return policies;
}

/**
 * Values under the defaults of the config variable whose wizard made their credential (`owner`,
 * loaded by the caller with its sealed secret defaults), or as they are when none did.
 */
export async function withPolicyDefaults<T extends { values: Record<string, string> }>(
  db: Db,
  stored: T,
  owner: { variable: ConfigVariableRow; sealed: string | null; type?: ConnectionType } | null,
): Promise<T> {
  if (!owner) return stored;
  // The caller may hold the variable's type already (the runtime read does): no second lookup.
  const type =
    owner.type ?? (await findConnectionType(db, owner.variable.organizationId, owner.variable.connectionType));
  const defaults = await inheritedDefaults(db, fieldPolicyOf(owner.variable, type), owner.sealed);
  return { ...stored, values: { ...defaults, ...stored.values } };
}

/** The policy of one credential, or undefined for a credential no instance's wizard made. */
export async function credentialFieldPolicy(
  db: Db,
  organizationId: string,
  credentialId: string,
): Promise<FieldPolicy | undefined> {
  return (await credentialFieldPolicies(db, organizationId, [credentialId])).get(credentialId);
}

/**
 * The defaults a policy supplies, secret ones decrypted (server use only): the type's, then the
 * integration's. The sealed secret defaults are read unless the caller already holds them.
 */
export async function inheritedDefaults(
  db: Db,
  policy: FieldPolicy,
  secretDefaultsCiphertext?: string | null,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of policy.type?.fields ?? []) if (f.default !== undefined && f.default !== "") out[f.key] = f.default;
  for (const [key, s] of Object.entries(policy.variable.fields)) if (s.default !== undefined) out[key] = s.default;
  const secrets =
    secretDefaultsCiphertext === undefined
      ? await readSecretDefaults(db, policy.variable)
      : await openSecretDefaults(db, { ...policy.variable, secretDefaultsCiphertext });
  return { ...out, ...secrets };
}

/** The values a credential is used with: the defaults its integration keeps, under what was entered. */
export async function withInheritedValues<T extends { values: Record<string, string> }>(
  db: Db,
  credential: { id: string; organizationId: string },
  stored: T,
): Promise<T> {
  const policy = await credentialFieldPolicy(db, credential.organizationId, credential.id);
  if (!policy) return stored;
  return { ...stored, values: { ...(await inheritedDefaults(db, policy)), ...stored.values } };
}
