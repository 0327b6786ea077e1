import "server-only";
import { audited, recordAudit } from "@/lib/audit/record";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { findBuiltInConnectionType } from "@/lib/connection-types/catalog/built-in";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { outboundUrlProblem } from "@/lib/outbound/fetch";
import { zodFields } from "@/lib/api/errors";
import {
  proxyBaseUrls,
  connectionTypeInputSchema,
  toConnectionType,
  type ConnectionType,
  type ConnectionTypePatch,
} from "./definition";
import {
  countCredentialsOfType,
  deleteConnectionTypeRow,
  findCustomConnectionTypeRow,
  insertConnectionTypeRow,
  listIntegrationsUsingType,
  lockCustomConnectionTypeRow,
  updateConnectionTypeRow,
} from "./queries";
import { findConnectionType } from "./registry";

export { listConnectionTypes, findConnectionType } from "./registry";

/** URL problems of a definition: defaults of url fields and the test URL (outside development, https only). */
function urlIssues(type: ConnectionType): Record<string, string> {
  const issues: Record<string, string> = {};
  type.fields.forEach((f, i) => {
    // A type's definition is stored as it is; secret defaults belong in a config variable, encrypted.
    if (f.secret && f.default)
      issues[`fields.${i}.default`] =
        `${f.label} is secret: set its default in an integration's config variable, where it is stored encrypted`;
    if (f.type !== "url" || !f.default) return;
    const problem = outboundUrlProblem(f.default);
    if (problem) issues[`fields.${i}.default`] = `${f.label}: ${problem}`;
  });
  if (type.test && !/\{\{/.test(type.test.url)) {
    const problem = outboundUrlProblem(type.test.url);
    if (problem) issues["test.url"] = problem;
  }
  for (const [name, template] of Object.entries(type.proxy ? proxyBaseUrls(type.proxy) : {})) {
    if (/\{\{/.test(template)) continue;
    const problem = outboundUrlProblem(template);
    if (problem) issues[name ? `proxy.baseUrl.${name}` : "proxy.baseUrl"] = problem;
  }
  return issues;
}

/** Declares a custom connection type for the organization. */
export async function createConnectionType(
  db: Db,
  organizationId: string,
  input: z.output<typeof connectionTypeInputSchema>,
): Promise<ConnectionType> {
  if (findBuiltInConnectionType(input.key))
    throw new ConflictError(`"${input.key}" is a built-in connection type`, {
      key: "A built-in connection type has this key; choose another",
    });
  const type = toConnectionType(input, false);
  const issues = urlIssues(type);
  if (Object.keys(issues).length > 0) throw new ValidationError("Some URLs cannot be used", issues);
  await audited(
    db,
    {
      organizationId,
      action: "connection_type.created",
      target: { type: "connection_type", id: input.key, name: input.label },
      fields: Object.keys(input),
    },
    async (tx: Db) => {
      const row = await insertConnectionTypeRow(tx, organizationId, {
        key: input.key,
        label: input.label,
        kind: input.kind,
        definition: input as unknown as Record<string, unknown>,
      });
      if (!row)
        throw new ConflictError(`A connection type with key "${input.key}" exists`, {
          key: "Your organization already has a connection type with this key",
        });
    },
  );
  return type;
}

/** One connection type, or NotFoundError. */
export async function getConnectionType(db: Db, organizationId: string, key: string): Promise<ConnectionType> {
  const type = await findConnectionType(db, organizationId, key);
  if (!type) throw new NotFoundError("No such connection type");
  return type;
}

/** A custom type's definition, as POST /api/v1/connection-types takes it back (for version control); built-in: 403. */
export async function exportConnectionType(db: Db, organizationId: string, key: string) {
  if (findBuiltInConnectionType(key))
    throw new ForbiddenError(
      `"${key}" is a built-in connection type: every Latchkey has it, there is nothing to export`,
    );
  const row = await findCustomConnectionTypeRow(db, organizationId, key);
  if (!row) throw new NotFoundError("No such connection type");
  return connectionTypeInputSchema.parse(row.definition);
}

/** A custom type of the organization, or why it cannot be changed: built-in (403) or absent (404). */
async function customTypeRow(db: Db, organizationId: string, key: string) {
  if (findBuiltInConnectionType(key))
    throw new ForbiddenError(`"${key}" is a built-in connection type: it cannot be changed or deleted`);
  const row = await findCustomConnectionTypeRow(db, organizationId, key);
  if (!row) throw new NotFoundError("No such connection type");
  return row;
}

/** Changes a custom connection type: the given properties replace the stored ones, and the whole is checked again. */
export async function updateConnectionType(
  db: Db,
  organizationId: string,
  key: string,
  patch: ConnectionTypePatch,
): Promise<ConnectionType> {
  const row = await customTypeRow(db, organizationId, key);
  const stored = connectionTypeInputSchema.parse(row.definition);
  if (patch.key !== undefined && patch.key !== key)
    throw new ValidationError("The key cannot change", {
      key: "The key of a connection type cannot change: integrations refer to it",
    });
  if (patch.kind !== undefined && patch.kind !== stored.kind)
    throw new ValidationError("The kind cannot change", {
      kind: "The kind of a connection type cannot change: declare a new type instead",
    });
  const merged: Record<string, unknown> = { ...stored };
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete merged[name];
    else if (value !== undefined) merged[name] = value;
  }
  const parsed = connectionTypeInputSchema.safeParse(merged);
  if (!parsed.success) throw new ValidationError("The connection type is not valid", zodFields(parsed.error));
  const type = toConnectionType(parsed.data, false);
  const issues = urlIssues(type);
  if (Object.keys(issues).length > 0) throw new ValidationError("Some URLs cannot be used", issues);
  await audited(
    db,
    {
      organizationId,
      action: "connection_type.updated",
      target: { type: "connection_type", id: key, name: parsed.data.label },
      fields: Object.keys(patch).filter((name) => patch[name as keyof ConnectionTypePatch] !== undefined),
    },
    async (tx: Db) => {
      const updated = await updateConnectionTypeRow(tx, organizationId, key, {
        label: parsed.data.label,
        definition: parsed.data as unknown as Record<string, unknown>,
      });
      if (!updated) throw new NotFoundError("No such connection type");
    },
  );
  return type;
}

/** Where a custom type is used, said so that the integrator knows what to change first; null when unused. */
async function usageProblem(db: Db, organizationId: string, key: string): Promise<string | null> {
  const [used, credentialCount] = await Promise.all([
    listIntegrationsUsingType(db, organizationId, key),
    countCredentialsOfType(db, organizationId, key),
  ]);
  if (used.length > 0) {
    const names = used
      .slice(0, 20)
      .map((i) => `"${i.name}"`)
      .join(", ");
    return `This connection type is used by ${used.length > 20 ? "more than 20 integrations, among them" : used.length === 1 ? "the integration" : "the integrations"} ${names}: remove its config variables there first`;
  }
  if (credentialCount > 0)
    return `${credentialCount === 1 ? "A credential holds" : `${credentialCount} credentials hold`} values of this connection type: delete ${credentialCount === 1 ? "it" : "them"} first`;
  return null;
}

/** Deletes a custom connection type that no integration or credential uses (409 otherwise). */
export async function deleteConnectionType(db: Db, organizationId: string, key: string): Promise<void> {
  await customTypeRow(db, organizationId, key);
  await db.transaction(async (tx) => {
    // The type's row is locked while its uses are counted, so two deletes do not race each other.
    // An integration saved in the same instant can still slip in; it then names a type that no
    // longer exists, which its page and the wizard report as such.
    if (!(await lockCustomConnectionTypeRow(tx, organizationId, key)))
      throw new NotFoundError("No such connection type");
    const problem = await usageProblem(tx, organizationId, key);
    if (problem) throw new ConflictError(problem, { key: problem });
    await deleteConnectionTypeRow(tx, organizationId, key);
    await recordAudit(tx, {
      organizationId,
      action: "connection_type.deleted",
      target: { type: "connection_type", id: key },
    });
  });
}
