import "server-only";
import { and, asc, count, desc, eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { credentials, customers, users } from "@/db/schema";
import type { Cursor } from "@/lib/pagination";

/** Id and name of every customer of an organization, for pickers. */
export function listCustomerOptions(db: Db, organizationId: string) {
  return db
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(eq(customers.organizationId, organizationId))
    .orderBy(asc(customers.name));
}

const customerColumns = {
  id: customers.id,
  name: customers.name,
  externalId: customers.externalId,
  createdAt: customers.createdAt,
  updatedAt: customers.updatedAt,
};
export type CustomerRow = { id: string; name: string; externalId: string | null; createdAt: Date; updatedAt: Date };

/** Customers of an organization, newest first, filtered by a substring of name or external id. */
export function listCustomers(
  db: Db,
  organizationId: string,
  q: { search?: string; cursor?: Cursor; limit: number },
): Promise<CustomerRow[]> {
  const pattern = q.search ? `%${q.search.toLowerCase().replace(/[\\%_]/g, (c) => "\\" + c)}%` : undefined;
  return db
    .select(customerColumns)
    .from(customers)
    .where(
      and(
        eq(customers.organizationId, organizationId),
        pattern
          ? or(sql`lower(${customers.name}) like ${pattern}`, sql`lower(${customers.externalId}) like ${pattern}`)
          : undefined,
        q.cursor
          ? or(
              lt(customers.createdAt, q.cursor.createdAt),
              and(eq(customers.createdAt, q.cursor.createdAt), lt(customers.id, q.cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(customers.createdAt), desc(customers.id))
    .limit(q.limit + 1);
}

/** One customer of an organization. */
export async function findCustomer(db: Db, organizationId: string, id: string): Promise<CustomerRow | undefined> {
  const [row] = await db
    .select(customerColumns)
    .from(customers)
    .where(and(eq(customers.organizationId, organizationId), eq(customers.id, id)))
    .limit(1);
  return row;
}

/** Inserts a customer. */
export async function insertCustomer(
  db: Db,
  organizationId: string,
  input: { name: string; externalId: string | null },
): Promise<CustomerRow> {
  const [row] = await db
    .insert(customers)
    .values({ ...input, organizationId })
    .returning(customerColumns);
  if (!row) throw new Error("The customer was not stored");
  return row;
}

/** Changes a customer of an organization. */
export async function updateCustomerRow(
  db: Db,
  organizationId: string,
  id: string,
  patch: { name?: string; externalId?: string | null },
) {
  const [row] = await db
    .update(customers)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(customers.organizationId, organizationId), eq(customers.id, id)))
    .returning(customerColumns);
  return row;
}

/** Deletes a customer and, by cascade, its users, credentials and data key. */
export async function deleteCustomerRow(db: Db, organizationId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(customers)
    .where(and(eq(customers.organizationId, organizationId), eq(customers.id, id)))
    .returning({ id: customers.id });
  return rows.length > 0;
}

/** What goes with a customer when it is deleted. */
export async function countCustomerDependents(db: Db, organizationId: string, id: string) {
  const [c] = await db
    .select({ n: count() })
    .from(credentials)
    .where(and(eq(credentials.organizationId, organizationId), eq(credentials.customerId, id)));
  const [u] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.customerId, id)));
  return { credentials: c?.n ?? 0, users: u?.n ?? 0 };
}
