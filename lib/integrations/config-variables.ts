import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import type { ConfigVariable, ConfigVariableFieldSettings } from "@/db/schema";
import type { ConnectionType } from "@/lib/connection-types/definition";
import { kindOf } from "@/lib/connection-types/kinds";
import { findConnectionType } from "@/lib/connection-types/registry";
import { openSecretDefaults } from "@/lib/credentials/secrets";
import { encryptForTenant } from "@/lib/crypto/tenant-keys";
import { ValidationError } from "@/lib/errors";
import { outboundUrlProblem } from "@/lib/outbound/fetch";
import { own } from "@/lib/validation/own";
import { defaultVisibility } from "./default-visibility";
import type { ConfigVariableInput, ConfigVariablePatch } from "./schemas";

// Checking and storing a connection config variable: its type must exist, its field settings must
// name the type's fields, and secret defaults are encrypted with the organization's data key.

type Checked = {
  row: Omit<ConfigVariable, "createdAt" | "updatedAt" | "position" | "integrationId" | "organizationId">;
  type: ConnectionType;
};

/** The connection type of a config variable, or a ValidationError at `connectionType`. */
export async function connectionTypeOf(
  db: Db,
  organizationId: string,
  key: string,
  prefix = "",
): Promise<ConnectionType> {
  const type = await findConnectionType(db, organizationId, key);
  if (!type)
    throw new ValidationError(`No connection type "${key}"`, {
      [`${prefix}connectionType`]: `No connection type "${key}": choose one from Components`,
    });
  return type;
}

/**
 * Builds the stored form of a config variable from input (new, or a patch over an existing one).
 * Fields left out keep their settings; a secret default given blank keeps the stored one.
 */
export async function checkConfigVariable(
  db: Db,
  organizationId: string,
  input: ConfigVariableInput | (ConfigVariablePatch & { key: string; connectionType: string }),
  existing: ConfigVariable | undefined,
  prefix = "",
): Promise<Checked> {
  const type = await connectionTypeOf(db, organizationId, input.connectionType, prefix);
  const id = existing?.id ?? randomUUID();
  const known = new Map(type.fields.map((f) => [f.key, f]));
  const issues: Record<string, string> = {};
  for (const key of Object.keys(input.fields ?? {})) {
    if (!known.has(key))
      issues[`${prefix}fields.${key}`] =
        `${type.label} has no field "${key}"; its fields are ${[...known.keys()].join(", ")}`;
  }
  const settings: ConfigVariableFieldSettings = {};
  // A patch is merged into the sealed defaults and sealed again: nothing opened leaves here.
  const secretDefaults = existing ? await openSecretDefaults(db, existing) : {};
  for (const field of type.fields) {
    const previous = own(existing?.fields, field.key);
    const given = own(input.fields, field.key);
    const visibility =
      given?.visibility ?? previous?.visibility ?? defaultVisibility(kindOf(type.kind).traits, field.key);
    let value = given?.default;
    if (value !== undefined && value !== null && value.trim() === "") value = field.secret ? undefined : null;
    if (typeof value === "string" && field.type === "url") {
      const problem = outboundUrlProblem(value);
      if (problem) issues[`${prefix}fields.${field.key}`] = `${field.label}: ${problem}`;
    }
    if (field.secret) {
      if (value === null) delete secretDefaults[field.key];
      else if (typeof value === "string") secretDefaults[field.key] = value;
      settings[field.key] = { visibility, hasSecretDefault: own(secretDefaults, field.key) !== undefined };
    } else {
      const plain = value === undefined ? previous?.default : (value ?? undefined);
      settings[field.key] = plain === undefined ? { visibility } : { visibility, default: plain };
    }
  }
  if (Object.keys(issues).length > 0) throw new ValidationError("Some field settings are not valid", issues);
  const secretDefaultsCiphertext =
    Object.keys(secretDefaults).length > 0
      ? await encryptForTenant(db, { organizationId, customerId: null }, id, JSON.stringify(secretDefaults))
      : null;
  return {
    type,
    row: {
      id,
      key: existing?.key ?? input.key,
      label: input.label ?? existing?.label ?? type.label,
      type: "connection",
      connectionType: type.key,
      fields: settings,
      secretDefaultsCiphertext,
      allowScopeOverride: input.allowScopeOverride ?? existing?.allowScopeOverride ?? false,
      successRedirectUrl:
        input.successRedirectUrl === undefined ? (existing?.successRedirectUrl ?? null) : input.successRedirectUrl,
      failureRedirectUrl:
        input.failureRedirectUrl === undefined ? (existing?.failureRedirectUrl ?? null) : input.failureRedirectUrl,
    },
  };
}
