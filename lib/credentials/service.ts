import "server-only";
import { own } from "@/lib/validation/own";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { customers } from "@/db/schema";
import { decryptForTenant, encryptForTenant } from "@/lib/crypto/tenant-keys";
import type { Tenant } from "@/lib/crypto/envelope";
import { env } from "@/lib/env";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { decodeCursor, page } from "@/lib/pagination";
import type { TenantScope } from "@/lib/tenancy";
import { connectionTypeAsMethod } from "@/lib/connection-types/as-method";
import { findConnectionType } from "@/lib/connection-types/registry";
import { authMethodKeys, findAuthMethod, type AuthMethodDefinition } from "./auth-methods";
import { toCredentialDto } from "./dto";
import { hasCredentialTokens } from "./tokens";
import { deleteCredentialRow, findCredential, findCredentialCiphertext, insertCredential, listCredentials, updateCredentialRow, type OwnerFilter } from "./queries";
import { createCredentialSchema, credentialCompleteness, givenValues, updateCredentialSchema, type CredentialHeader } from "./validation";

export type StoredSecret = { values: Record<string, string>; headers: CredentialHeader[] };

export const validationOptions = () => ({ requireHttps: !env.allowPrivateNetwork && env.isProduction });
export const newCredentialSchema = () => createCredentialSchema(validationOptions());
export type NewCredentialInput = z.infer<ReturnType<typeof newCredentialSchema>>;

/** An auth method, or a connection type of the organization seen as one. */
export async function resolveCredentialMethod(db: Db, organizationId: string, key: string): Promise<AuthMethodDefinition> {
  const method = findAuthMethod(key);
  if (method) return method;
  const type = await findConnectionType(db, organizationId, key);
  if (!type) throw new ValidationError(`Unknown auth method "${key}"`, { authMethod: `Unknown auth method "${key}": use one of ${authMethodKeys.join(", ")} or a connection type's key` });
  return connectionTypeAsMethod(type);
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
  if (!row) throw new ValidationError("No such customer", { customerId: "No customer with this id in your organization" });
  return row.id;
}

function summarise(method: AuthMethodDefinition, secret: StoredSecret, authorized: boolean) {
  const fieldsSet = method.fields.map((f) => f.key).filter((k) => own(secret.values, k) !== undefined);
  // An authorization code credential is complete once it holds tokens (lib/credentials/tokens).
  const { complete, reason } = credentialCompleteness(method, fieldsSet, authorized);
  return { fieldsSet, complete, incompleteReason: reason, headerNames: secret.headers.map((h) => ({ name: h.name, on: h.on })) };
}

/** Lists credentials of the scope as DTOs, a page at a time. */
export async function listCredentialDtos(db: Db, scope: TenantScope, q: OwnerFilter & { label?: string; cursor?: string; limit: number }) {
  const rows = await listCredentials(db, scope, { ...q, cursor: decodeCursor(q.cursor) });
  const p = page(rows, q.limit);
  return { data: p.data.map(toCredentialDto), nextCursor: p.nextCursor };
}

/** One credential of the scope as a DTO, or NotFoundError (also for another tenant's). */
export async function getCredentialDto(db: Db, scope: TenantScope, id: string) {
  const row = await findCredential(db, scope, id);
  if (!row) throw new NotFoundError("No such credential");
  return toCredentialDto(row);
}

/** Creates a credential; values are encrypted with the owner's data key before they are stored. */
export async function createCredential(db: Db, scope: TenantScope, input: NewCredentialInput, createdByUserId: string | null) {
  const method = await resolveCredentialMethod(db, scope.organizationId, input.authMethod);
  // Built-in methods were checked by the schema; a connection type's fields are checked here.
  if (!findAuthMethod(input.authMethod)) updateCredentialSchema(method, validationOptions()).parse({ values: input.values, headers: input.headers });
  const customerId = await resolveOwner(db, scope, input.customerId);
  const id = randomUUID();
  const tenant: Tenant = { organizationId: scope.organizationId, customerId };
  const secret: StoredSecret = { values: givenValues(input.values), headers: input.headers ?? [] };
  await insertCredential(db, scope, {
    id,
    customerId,
    label: input.label,
    authMethod: method.key,
    valuesCiphertext: await encryptForTenant(db, tenant, id, JSON.stringify(secret)),
    createdByUserId,
    ...summarise(method, secret, false),
  });
  return getCredentialDto(db, scope, id);
}

/** Decrypts a credential's values. Only the runtime API and the OAuth machinery may call this. */
export async function readCredentialValues(db: Db, scope: TenantScope, id: string): Promise<StoredSecret> {
  const row = await findCredentialCiphertext(db, scope, id);
  if (!row) throw new NotFoundError("No such credential");
  return decryptSecret(db, row);
}

/** Opens a credential's stored values and headers (from a row that carries its ciphertext). */
export async function decryptSecret(db: Db, row: { id: string; organizationId: string; customerId: string | null; valuesCiphertext: string | null }): Promise<StoredSecret> {
  if (!row.valuesCiphertext) return { values: {}, headers: [] };
  const plain = await decryptForTenant(db, { organizationId: row.organizationId, customerId: row.customerId }, row.id, row.valuesCiphertext);
  return JSON.parse(plain) as StoredSecret;
}

/** Changes a credential's label, values (blank keeps the stored value) or headers (replaced whole). */
export async function updateCredential(db: Db, scope: TenantScope, id: string, raw: unknown) {
  await db.transaction(async (tx) => {
    const row = await findCredentialCiphertext(tx, scope, id, true);
    if (!row) throw new NotFoundError("No such credential");
    const method = await resolveCredentialMethod(tx, scope.organizationId, row.authMethod);
    const input = updateCredentialSchema(method, validationOptions()).parse(raw);
    const stored = await decryptSecret(tx, row);
    const secret: StoredSecret = { values: { ...stored.values, ...givenValues(input.values) }, headers: input.headers ?? stored.headers };
    const tenant: Tenant = { organizationId: row.organizationId, customerId: row.customerId };
    await updateCredentialRow(tx, scope, id, {
      ...(input.label !== undefined ? { label: input.label } : {}),
      valuesCiphertext: await encryptForTenant(tx, tenant, id, JSON.stringify(secret)),
      ...summarise(method, secret, await hasCredentialTokens(tx, row.organizationId, id)),
    });
  });
  return getCredentialDto(db, scope, id);
}

/** Recomputes a credential's completeness after its OAuth authorization was granted or removed. */
export async function markCredentialAuthorized(db: Db, scope: TenantScope, id: string, authorized: boolean): Promise<void> {
  const row = await findCredential(db, scope, id);
  if (!row) throw new NotFoundError("No such credential");
  const method = await resolveCredentialMethod(db, scope.organizationId, row.authMethod);
  const { complete, reason } = credentialCompleteness(method, row.fieldsSet, authorized);
  await updateCredentialRow(db, scope, id, { complete, incompleteReason: reason });
}

/** Deletes a credential of the scope. */
export async function deleteCredential(db: Db, scope: TenantScope, id: string): Promise<void> {
  if (!(await deleteCredentialRow(db, scope, id))) throw new NotFoundError("No such credential");
}
