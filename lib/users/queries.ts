import "server-only";
import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, organizations, users, type TeamRole, type UserRole } from "@/db/schema";

// Columns safe to show: never the password hash.
const userColumns = {
  id: users.id,
  organizationId: users.organizationId,
  customerId: users.customerId,
  email: users.email,
  name: users.name,
  role: users.role,
  createdAt: users.createdAt,
};

export type UserSummary = {
  id: string;
  organizationId: string;
  customerId: string | null;
  email: string;
  name: string;
  role: UserRole;
  createdAt: Date;
};

/** A user and what signing in needs, by e-mail (any organization: e-mail is unique). Embedded users never sign in with a password. */
export async function findUserForSignIn(db: Db, email: string) {
  const [row] = await db
    .select({ ...userColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.email, email.toLowerCase()), eq(users.embedded, false)))
    .limit(1);
  return row;
}

/** The signed-in user with their organization's name, or undefined if they were removed. */
export async function findSessionUser(db: Db, userId: string) {
  const [row] = await db
    .select({
      ...userColumns,
      embedded: users.embedded,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
      customerName: customers.name,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .leftJoin(customers, eq(customers.id, users.customerId))
    .where(eq(users.id, userId))
    .limit(1);
  return row;
}

/** Members and customer users of one organization, team first; embedded users come and go with the partner's tokens and are left out. */
export async function listUsers(db: Db, organizationId: string) {
  return db
    .select({ ...userColumns, customerName: customers.name })
    .from(users)
    .leftJoin(customers, and(eq(customers.id, users.customerId), eq(customers.organizationId, organizationId)))
    .where(and(eq(users.organizationId, organizationId), eq(users.embedded, false)))
    .orderBy(asc(users.role), asc(users.email));
}

/** One user of an organization. */
export async function findUser(db: Db, organizationId: string, userId: string) {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.id, userId)))
    .limit(1);
  return row;
}

/** Whether an e-mail address is taken anywhere by someone who signs in with it. */
export async function emailTaken(db: Db, email: string): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, email.toLowerCase()), eq(users.embedded, false)))
    .limit(1);
  return rows.length > 0;
}

/** Inserts a user of an organization. */
export async function insertUser(
  db: Db,
  organizationId: string,
  user: { email: string; name: string; role: UserRole; customerId: string | null; passwordHash: string },
) {
  const [row] = await db
    .insert(users)
    .values({ ...user, email: user.email.toLowerCase(), organizationId })
    .returning(userColumns);
  return row;
}

/** Changes a team member's role. */
export async function updateUserRole(db: Db, organizationId: string, userId: string, role: TeamRole) {
  const [row] = await db
    .update(users)
    .set({ role, updatedAt: new Date() })
    .where(and(eq(users.organizationId, organizationId), eq(users.id, userId)))
    .returning(userColumns);
  return row;
}

/** Removes a user of an organization. */
export async function deleteUser(db: Db, organizationId: string, userId: string) {
  const rows = await db
    .delete(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.id, userId)))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** How many admins an organization has. */
export async function countAdmins(db: Db, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.role, "admin")));
  return row?.n ?? 0;
}
