import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { configVariables, connectionTypes, credentials, instanceConnections, integrationSteps } from "@/db/schema";
import { findBuiltInConnectionType } from "./catalog/built-in";

// Before the six auth methods became built-in connection types, an organization could declare a
// custom type keyed like one of them ("basic"), and a custom field keyed private_key got the
// private-key format check by its key alone. This start-up upgrade carries such rows over: the
// type moves to a free key (its config variables, the credentials its instances made and their
// steps' actions follow), and a private_key field says its format. Values are not touched: their
// ciphertext is bound to the tenant and the row, not to the auth method, so nothing is re-encrypted.

type StoredField = { key?: unknown; format?: unknown };
type Outcome = { renamed: { organizationId: string; from: string; to: string }[]; formatted: number };

/** The definition with `format: "private_key"` on a private_key field that lacks one; undefined when none does. */
function withPrivateKeyFormat(definition: Record<string, unknown>): Record<string, unknown> | undefined {
  const fields = Array.isArray(definition.fields) ? (definition.fields as StoredField[]) : [];
  if (!fields.some((f) => f.key === "private_key" && f.format === undefined)) return undefined;
  return {
    ...definition,
    fields: fields.map((f) =>
      f.key === "private_key" && f.format === undefined ? { ...f, format: "private_key" } : f,
    ),
  };
}

async function freeKey(db: Db, organizationId: string, key: string): Promise<string> {
  const taken = new Set(
    (
      await db
        .select({ key: connectionTypes.key })
        .from(connectionTypes)
        .where(eq(connectionTypes.organizationId, organizationId))
    ).map((r) => r.key),
  );
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${key}_custom` : `${key}_custom_${n}`;
    if (!taken.has(candidate) && !findBuiltInConnectionType(candidate)) return candidate;
  }
}

/** Moves one custom type off a built-in key, with everything that names it. */
async function moveType(tx: Db, row: typeof connectionTypes.$inferSelect, definition: Record<string, unknown>) {
  const org = row.organizationId;
  const to = await freeKey(tx, org, row.key);
  await tx
    .update(connectionTypes)
    .set({ key: to, definition: { ...definition, key: to }, updatedAt: new Date() })
    .where(and(eq(connectionTypes.organizationId, org), eq(connectionTypes.id, row.id)));
  const variables = await tx
    .update(configVariables)
    .set({ connectionType: to })
    .where(and(eq(configVariables.organizationId, org), eq(configVariables.connectionType, row.key)))
    .returning({ id: configVariables.id });
  const ids = variables.map((v) => v.id);
  if (ids.length === 0) return to;
  // The credentials these connections made were of the type; a borrowed one keeps its own method.
  const made = await tx
    .select({ id: instanceConnections.credentialId })
    .from(instanceConnections)
    .where(
      and(
        eq(instanceConnections.organizationId, org),
        inArray(instanceConnections.configVariableId, ids),
        eq(instanceConnections.ownsCredential, true),
      ),
    );
  const credentialIds = made.flatMap((m) => (m.id ? [m.id] : []));
  if (credentialIds.length > 0)
    await tx
      .update(credentials)
      .set({ authMethod: to })
      .where(
        and(
          eq(credentials.organizationId, org),
          eq(credentials.authMethod, row.key),
          inArray(credentials.id, credentialIds),
        ),
      );
  const steps = await tx
    .select({ id: integrationSteps.id, action: integrationSteps.action })
    .from(integrationSteps)
    .where(and(eq(integrationSteps.organizationId, org), inArray(integrationSteps.configVariableId, ids)));
  for (const step of steps.filter((s) => s.action.startsWith(`${row.key}.`)))
    await tx
      .update(integrationSteps)
      .set({ action: `${to}.${step.action.slice(row.key.length + 1)}` })
      .where(and(eq(integrationSteps.organizationId, org), eq(integrationSteps.id, step.id)));
  return to;
}

/** Carries custom types over to the one registry; idempotent (a second run finds nothing to do). */
export async function carryCustomTypesOver(db: Db): Promise<Outcome> {
  const outcome: Outcome = { renamed: [], formatted: 0 };
  for (const row of await db.select().from(connectionTypes)) {
    const formatted = withPrivateKeyFormat(row.definition);
    const definition = formatted ?? row.definition;
    if (formatted) outcome.formatted++;
    if (findBuiltInConnectionType(row.key)) {
      const to = await db.transaction((tx) => moveType(tx, row, definition));
      outcome.renamed.push({ organizationId: row.organizationId, from: row.key, to });
    } else if (formatted) {
      await db
        .update(connectionTypes)
        .set({ definition, updatedAt: new Date() })
        .where(and(eq(connectionTypes.organizationId, row.organizationId), eq(connectionTypes.id, row.id)));
    }
  }
  return outcome;
}
