import "server-only";
import { and, desc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { credentials, customers, instanceConnections } from "@/db/schema";
import type { Cursor } from "@/lib/pagination";
import type { TenantScope } from "@/lib/tenancy";

// Summary columns leave the ciphertext out: only queries named for it select it, and only the door
// (./secrets.ts) decrypts. The owner's name is a scalar subquery rather than a join so that a page
// walks the (organization, created_at) index in order and stops after limit + 1 matching rows: a
// hash join would read every match first.
export const credentialSummaryColumns = {
  id: credentials.id,
  organizationId: credentials.organizationId,
  customerId: credentials.customerId,
  customerName: sql<
    string | null
  >`(select ${customers.name} from ${customers} where ${customers.id} = ${credentials.customerId})`.as("customer_name"),
  label: credentials.label,
  authMethod: credentials.authMethod,
  fieldsSet: credentials.fieldsSet,
  headerNames: credentials.headerNames,
  complete: credentials.complete,
  incompleteReason: credentials.incompleteReason,
  lastUsedAt: credentials.lastUsedAt,
  lastFailedAt: credentials.lastFailedAt,
  lastError: credentials.lastError,
  createdAt: credentials.createdAt,
  updatedAt: credentials.updatedAt,
};
export type CredentialSummary = {
  id: string;
  organizationId: string;
  customerId: string | null;
  customerName: string | null;
  label: string;
  authMethod: string;
  fieldsSet: string[];
  headerNames: { name: string; on: "authorize" | "token" | "both" }[];
  complete: boolean;
  incompleteReason: string | null;
  lastUsedAt: Date | null;
  lastFailedAt: Date | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type OwnerFilter = { owner: "organization" | "customer" | "all"; customerId?: string };

/** The scope's rows: a customer scope sees its own customer's credentials and never the organization's. */
function scopeWhere(scope: TenantScope): SQL | undefined {
  return and(
    eq(credentials.organizationId, scope.organizationId),
    scope.customerId ? eq(credentials.customerId, scope.customerId) : undefined,
  );
}

function ownerWhere(filter: OwnerFilter): SQL | undefined {
  if (filter.customerId) return eq(credentials.customerId, filter.customerId);
  if (filter.owner === "organization") return isNull(credentials.customerId);
  if (filter.owner === "customer") return isNotNull(credentials.customerId);
  return undefined;
}

function labelWhere(label: string | undefined): SQL | undefined {
  if (!label) return undefined;
  const pattern = `%${label.toLowerCase().replace(/[\\%_]/g, (c) => "\\" + c)}%`;
  // lower(label) LIKE matches the trigram index on lower(label).
  return sql`lower(${credentials.label}) like ${pattern}`;
}

function afterCursor(cursor: Cursor | undefined): SQL | undefined {
  if (!cursor) return undefined;
  return or(
    lt(credentials.createdAt, cursor.createdAt),
    and(eq(credentials.createdAt, cursor.createdAt), lt(credentials.id, cursor.id)),
  );
}

/** Credentials of one scope, newest first, filtered by owner and label; limit + 1 rows for paging. */
export function listCredentials(
  db: Db,
  scope: TenantScope,
  q: OwnerFilter & { label?: string; cursor?: Cursor; limit: number },
): Promise<CredentialSummary[]> {
  return db
    .select(credentialSummaryColumns)
    .from(credentials)
    .where(and(scopeWhere(scope), ownerWhere(q), labelWhere(q.label), afterCursor(q.cursor)))
    .orderBy(desc(credentials.createdAt), desc(credentials.id))
    .limit(q.limit + 1);
}

/** One credential of the scope, without its values. */
export async function findCredential(db: Db, scope: TenantScope, id: string): Promise<CredentialSummary | undefined> {
  const [row] = await db
    .select(credentialSummaryColumns)
    .from(credentials)
    .where(and(scopeWhere(scope), eq(credentials.id, id)))
    .limit(1);
  return row;
}

/** Credentials of an organization with their encrypted values, by id (the refresh routine loads a batch at once). */
export async function findCredentialsWithCiphertext(db: Db, organizationIds: string[], ids: string[]) {
  if (ids.length === 0) return new Map<string, CredentialSummary & { valuesCiphertext: string | null }>();
  const rows = await db
    .select({ ...credentialSummaryColumns, valuesCiphertext: credentials.valuesCiphertext })
    .from(credentials)
    .where(and(inArray(credentials.organizationId, [...new Set(organizationIds)]), inArray(credentials.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The encrypted values of a credential, locked for update when inside a transaction that changes them. */
export async function findCredentialCiphertext(db: Db, scope: TenantScope, id: string, forUpdate = false) {
  const query = db
    .select({
      id: credentials.id,
      organizationId: credentials.organizationId,
      customerId: credentials.customerId,
      label: credentials.label,
      authMethod: credentials.authMethod,
      valuesCiphertext: credentials.valuesCiphertext,
    })
    .from(credentials)
    .where(and(scopeWhere(scope), eq(credentials.id, id)))
    .limit(1);
  const [row] = forUpdate ? await query.for("update") : await query;
  return row;
}

/** Every credential an instance's wizard made that holds values, with their ciphertext (the start-up clean-up). */
export function listWizardCredentialsWithCiphertext(db: Db) {
  return db
    .select({
      id: credentials.id,
      organizationId: credentials.organizationId,
      customerId: credentials.customerId,
      valuesCiphertext: credentials.valuesCiphertext,
      fieldsSet: credentials.fieldsSet,
    })
    .from(credentials)
    .innerJoin(
      instanceConnections,
      and(
        eq(instanceConnections.credentialId, credentials.id),
        eq(instanceConnections.organizationId, credentials.organizationId),
        eq(instanceConnections.ownsCredential, true),
      ),
    )
    .where(isNotNull(credentials.valuesCiphertext));
}

/** Inserts a credential whose id was chosen by the caller (the id is part of the ciphertext's context). */
export async function insertCredential(
  db: Db,
  scope: TenantScope,
  row: Omit<typeof credentials.$inferInsert, "organizationId">,
) {
  await db.insert(credentials).values({ ...row, organizationId: scope.organizationId });
}

/** Changes a credential of the scope. */
export async function updateCredentialRow(
  db: Db,
  scope: TenantScope,
  id: string,
  patch: Partial<typeof credentials.$inferInsert>,
) {
  await db
    .update(credentials)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(scopeWhere(scope), eq(credentials.id, id)));
}

/** Deletes a credential of the scope; false if it was not there. */
export async function deleteCredentialRow(db: Db, scope: TenantScope, id: string) {
  const [row] = await db
    .delete(credentials)
    .where(and(scopeWhere(scope), eq(credentials.id, id)))
    .returning({
      id: credentials.id,
      label: credentials.label,
      authMethod: credentials.authMethod,
      customerId: credentials.customerId,
    });
  return row;
}
