import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { own } from "@/lib/validation/own";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { customers } from "@/db/schema";
import { encryptForTenant } from "@/lib/crypto/tenant-keys";
import type { Tenant } from "@/lib/crypto/envelope";
import { env } from "@/lib/env";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { decodeCursor, page } from "@/lib/pagination";
import { credentialEvent } from "@/lib/webhooks/domain-events";
import { recordDomainEvents } from "@/lib/webhooks/event-writes";
import type { TenantScope } from "@/lib/tenancy";
import { credentialMethodKeys } from "@/lib/connection-types/catalog/built-in";
import type { ConnectionType } from "@/lib/connection-types/definition";
import { findConnectionType, listConnectionTypes } from "@/lib/connection-types/registry";
import { connectionTypeView, fieldView, type ConnectionTypeView, type FieldView } from "@/lib/connection-types/view";
import { configurerFor, mayTouchField, refusedFields, type Configurer } from "@/lib/auth/visibility";
import { toCredentialDto, type CredentialDto } from "./dto";
import { credentialFieldPolicies, credentialFieldPolicy, type FieldPolicy } from "./field-policy";
import { isPlainField, storedFields } from "./plain-values";
import { openCredentialValues, type StoredSecret } from "./secrets";
import { hasCredentialTokens } from "./tokens";
import {
  deleteCredentialRow,
  findCredential,
  findCredentialCiphertext,
  insertCredential,
  listCredentials,
  updateCredentialRow,
  type OwnerFilter,
} from "./queries";
import { createCredentialSchema, credentialCompleteness, givenValues, updateCredentialSchema } from "./validation";

export type { StoredSecret };

export const validationOptions = () => ({ requireHttps: !env.allowPrivateNetwork && env.isProduction });
export const newCredentialSchema = () => createCredentialSchema(validationOptions());
export type NewCredentialInput = z.infer<ReturnType<typeof newCredentialSchema>>;

/** The connection type a credential's auth method names: a built-in one (the six methods among them) or the organization's. */
export async function resolveCredentialMethod(db: Db, organizationId: string, key: string): Promise<ConnectionType> {
  const type = await findConnectionType(db, organizationId, key);
  if (!type)
    throw new ValidationError(`Unknown auth method "${key}"`, {
      authMethod: `Unknown auth method "${key}": use one of ${credentialMethodKeys.join(", ")} or a connection type's key`,
    });
  return type;
}

/** The owner chosen for a new credential, checked against the scope: customer users always own their own. */
async function resolveOwner(db: Db, scope: TenantScope, customerId: string | null | undefined): Promise<string | null> {
  if (scope.customerId) return scope.customerId;
  if (!customerId) return null;
  const [row] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.organizationId, scope.organizationId), eq(customers.id, customerId)))
    .limit(1);
  if (!row)
    throw new ValidationError("No such customer", { customerId: "No customer with this id in your organization" });
  return row.id;
}

function summarise(
  method: ConnectionType,
  secret: StoredSecret,
  authorized: boolean,
  inherited: ReadonlySet<string> = new Set(),
) {
  // A field the integration supplies a default for is set, though the credential does not hold it.
  const fieldsSet = method.fields
    .map((f) => f.key)
    .filter((k) => own(secret.values, k) !== undefined || inherited.has(k));
  // An authorization code credential is complete once it holds tokens (lib/credentials/tokens).
  const { complete, reason } = credentialCompleteness(method, fieldsSet, authorized);
  return {
    fieldsSet,
    complete,
    incompleteReason: reason,
    headerNames: secret.headers.map((h) => ({ name: h.name, on: h.on })),
  };
}

/** What a configurer may learn of a credential: a field it may not see is not even "set" to it. */
function visibleDto(dto: CredentialDto, policy: FieldPolicy | undefined, configurer: Configurer): CredentialDto {
  if (!policy || configurer === "organization") return dto;
  return { ...dto, fieldsSet: dto.fieldsSet.filter((k) => mayTouchField(configurer, policy.visibilityOf(k))) };
}

/** Lists credentials of the scope as DTOs, a page at a time. */
export async function listCredentialDtos(
  db: Db,
  scope: TenantScope,
  q: OwnerFilter & { label?: string; cursor?: string; limit: number },
) {
  const rows = await listCredentials(db, scope, { ...q, cursor: decodeCursor(q.cursor) });
  const p = page(rows, q.limit);
  const configurer = configurerFor(scope);
  const policies =
    configurer === "organization"
      ? new Map<string, FieldPolicy>()
      : await credentialFieldPolicies(
          db,
          scope.organizationId,
          p.data.map((r) => r.id),
        );
  return {
    data: p.data.map((r) => visibleDto(toCredentialDto(r), policies.get(r.id), configurer)),
    nextCursor: p.nextCursor,
  };
}

/** A page of credentials for a screen: the DTOs and the label of each one's auth method (its connection type's). */
export async function listCredentialPage(
  db: Db,
  scope: TenantScope,
  q: OwnerFilter & { label?: string; cursor?: string; limit: number },
) {
  const [page, types] = await Promise.all([
    listCredentialDtos(db, scope, q),
    listConnectionTypes(db, scope.organizationId),
  ]);
  const used = new Set(page.data.map((c) => c.authMethod));
  const methodLabels = Object.fromEntries(types.filter((t) => used.has(t.key)).map((t) => [t.key, t.label]));
  return { ...page, methodLabels };
}

/** One credential of the scope as a DTO, or NotFoundError (also for another tenant's). */
export async function getCredentialDto(db: Db, scope: TenantScope, id: string, requested?: Configurer) {
  const row = await findCredential(db, scope, id);
  if (!row) throw new NotFoundError("No such credential");
  const configurer = configurerFor(scope, requested);
  const policy = configurer === "organization" ? undefined : await credentialFieldPolicy(db, scope.organizationId, id);
  return visibleDto(toCredentialDto(row), policy, configurer);
}

/**
 * A field of a credential's Values form. `stored`: the credential holds a value (a plain one's is in
 * `value`; a secret one's never leaves the server). Otherwise `default` is the plain default that
 * applies at use (the integration's, then the type's, for a credential an instance's wizard made),
 * and `hasDefault` says one applies, secret or not.
 */
export type CredentialFieldView = FieldView & {
  stored: boolean;
  value?: string;
  default?: string;
  hasDefault: boolean;
};

/**
 * The Values form of a credential for this configurer: the fields it may see and set (hidden ones
 * left out entirely), which of them it holds, the stored values of the plain ones among them (secret
 * ones stay write-only), and the defaults that apply to the others.
 */
export async function credentialValuesView(
  db: Db,
  scope: TenantScope,
  id: string,
  requested?: Configurer,
): Promise<{ credential: CredentialDto; method: ConnectionTypeView | undefined; fields: CredentialFieldView[] }> {
  const credential = await getCredentialDto(db, scope, id, requested);
  const configurer = configurerFor(scope, requested);
  // A connection type deleted since leaves a credential without a method: it shows no fields.
  const method = await resolveCredentialMethod(db, scope.organizationId, credential.authMethod).catch((e: unknown) => {
    if (e instanceof ValidationError) return undefined;
    throw e;
  });
  const policy = await credentialFieldPolicy(db, scope.organizationId, id);
  const fields = (method?.fields ?? []).filter(
    (f) => configurer === "organization" || !policy || mayTouchField(configurer, policy.visibilityOf(f.key)),
  );
  const stored = await storedFields(
    db,
    scope,
    id,
    fields.filter((f) => credential.fieldsSet.includes(f.key)),
  );
  return {
    credential,
    method: method && connectionTypeView(method),
    fields: fields.map((f): CredentialFieldView => {
      const held = stored.keys.includes(f.key);
      const settings = policy ? own(policy.variable.fields, f.key) : undefined;
      // Defaults apply at use only to a wizard-made credential (lib/credentials/field-policy).
      const plainDefault = policy && isPlainField(f) ? (settings?.default ?? (f.default || undefined)) : undefined;
      return {
        ...fieldView(f),
        stored: held,
        ...(held && Object.hasOwn(stored.plain, f.key) ? { value: stored.plain[f.key]! } : {}),
        ...(!held && plainDefault !== undefined ? { default: plainDefault } : {}),
        hasDefault: !held && !!policy?.inherited.has(f.key),
      };
    }),
  };
}

/** Creates a credential; values are encrypted with the owner's data key before they are stored. */
export async function createCredential(
  db: Db,
  scope: TenantScope,
  input: NewCredentialInput,
  createdByUserId: string | null,
  o: { inherited?: ReadonlySet<string> } = {},
) {
  const method = await resolveCredentialMethod(db, scope.organizationId, input.authMethod);
  // Checked here whichever door the values came through: the API's schema checks built-in types,
  // but an instance's wizard calls this directly, and a pattern must hold there too.
  updateCredentialSchema(method, validationOptions()).parse({ values: input.values, headers: input.headers });
  const customerId = await resolveOwner(db, scope, input.customerId);
  const id = randomUUID();
  const tenant: Tenant = { organizationId: scope.organizationId, customerId };
  const secret: StoredSecret = { values: givenValues(input.values), headers: input.headers ?? [] };
  const valuesCiphertext = await encryptForTenant(db, tenant, id, JSON.stringify(secret));
  await db.transaction(async (tx) => {
    await insertCredential(tx, scope, {
      id,
      customerId,
      label: input.label,
      authMethod: method.key,
      valuesCiphertext,
      createdByUserId,
      ...summarise(method, secret, false, o.inherited),
    });
    const facts = { id, label: input.label, authMethod: method.key, customerId };
    await recordDomainEvents(tx, [credentialEvent(scope.organizationId, "credential.created", facts)]);
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      action: "credential.created",
      target: { type: "credential", id, name: input.label },
      fields: changedFields(input),
    });
  });
  return getCredentialDto(db, scope, id);
}

/**
 * Changes a credential's label, values (blank keeps the stored value; `clear` names fields whose
 * stored value is removed) or headers (replaced whole).
 * On a credential an instance's wizard made, a customer or partner naming a field it may not set
 * is refused whole (a field error per such field) and nothing changes.
 */
export async function updateCredential(db: Db, scope: TenantScope, id: string, raw: unknown, requested?: Configurer) {
  const configurer = configurerFor(scope, requested);
  await db.transaction(async (tx) => {
    const row = await findCredentialCiphertext(tx, scope, id, true);
    if (!row) throw new NotFoundError("No such credential");
    const method = await resolveCredentialMethod(tx, scope.organizationId, row.authMethod);
    const input = updateCredentialSchema(method, validationOptions()).parse(raw);
    const policy = await credentialFieldPolicy(tx, row.organizationId, id);
    if (policy) {
      // Every key named counts, blank ones included: a write that names a hidden field is refused.
      const named = [...Object.keys(input.values ?? {}), ...(input.clear ?? [])];
      const refused = refusedFields(configurer, named, policy.visibilityOf);
      if (Object.keys(refused).length > 0) throw new ValidationError("Some fields are not yours to set", refused);
    }
    // The change is merged into the sealed values and sealed again: nothing opened leaves here.
    const stored = await openCredentialValues(tx, row);
    const values = { ...stored.values, ...givenValues(input.values) };
    const cleared = clearedFields(method, input, policy?.inherited);
    for (const key of cleared) delete values[key];
    const secret: StoredSecret = {
      values,
      headers: input.headers ?? stored.headers,
    };
    const tenant: Tenant = { organizationId: row.organizationId, customerId: row.customerId };
    await updateCredentialRow(tx, scope, id, {
      ...(input.label !== undefined ? { label: input.label } : {}),
      valuesCiphertext: await encryptForTenant(tx, tenant, id, JSON.stringify(secret)),
      ...summarise(method, secret, await hasCredentialTokens(tx, row.organizationId, id), policy?.inherited),
    });
    const facts = { id, label: input.label ?? row.label, authMethod: row.authMethod, customerId: row.customerId };
    await recordDomainEvents(tx, [credentialEvent(row.organizationId, "credential.updated", facts)]);
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      action: "credential.updated",
      target: { type: "credential", id, name: input.label ?? null },
      fields: changedFields(input),
    });
  });
  return getCredentialDto(db, scope, id);
}

/**
 * The fields `input.clear` removes. A required field is refused unless a default stands in for it,
 * and so is a field given a value in the same change: say which one is meant.
 */
function clearedFields(
  method: ConnectionType,
  input: { values?: Record<string, unknown>; clear?: string[] },
  inherited: ReadonlySet<string> = new Set(),
): string[] {
  const given = givenValues(input.values);
  const problems: Record<string, string> = {};
  for (const key of input.clear ?? []) {
    const field = method.fields.find((f) => f.key === key)!;
    if (own(given, key) !== undefined) problems[`values.${key}`] = `${field.label} is both given and cleared`;
    else if (field.required && !inherited.has(key)) problems[`values.${key}`] = `${field.label} is required`;
  }
  if (Object.keys(problems).length > 0) throw new ValidationError("Some fields cannot be cleared", problems);
  return input.clear ?? [];
}

/** Recomputes a credential's completeness after its OAuth authorization was granted or removed. */
export async function markCredentialAuthorized(
  db: Db,
  scope: TenantScope,
  id: string,
  authorized: boolean,
): Promise<void> {
  const row = await findCredential(db, scope, id);
  if (!row) throw new NotFoundError("No such credential");
  const method = await resolveCredentialMethod(db, scope.organizationId, row.authMethod);
  const { complete, reason } = credentialCompleteness(method, row.fieldsSet, authorized);
  await updateCredentialRow(db, scope, id, { complete, incompleteReason: reason });
}

/** Deletes a credential of the scope. */
export async function deleteCredential(db: Db, scope: TenantScope, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await deleteCredentialRow(tx, scope, id);
    if (!row) throw new NotFoundError("No such credential");
    await recordDomainEvents(tx, [credentialEvent(scope.organizationId, "credential.deleted", row)]);
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      action: "credential.deleted",
      target: { type: "credential", id, name: row.label },
    });
  });
}

// The names of what a write changes (values given, label, headers), never a value.
function changedFields(input: { label?: string; values?: Record<string, unknown>; headers?: unknown }) {
  const values = Object.entries(input.values ?? {})
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k]) => `values.${k}`);
  return [
    ...(input.label !== undefined ? ["label"] : []),
    ...values,
    ...(input.headers !== undefined ? ["headers"] : []),
  ];
}
