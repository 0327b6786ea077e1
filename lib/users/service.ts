import "server-only";
import { audited } from "@/lib/audit/record";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { customers, teamRoles } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { countAdmins, deleteUser, emailTaken, findUser, insertUser, updateUserRole } from "./queries";

export const passwordSchema = z
  .string()
  .min(12, "Use at least 12 characters")
  .max(200, "Keep the password under 200 characters");

export const addUserSchema = z
  .object({
    email: z
      .email("Enter a valid e-mail address")
      .max(320)
      .transform((s) => s.trim().toLowerCase()),
    name: z.string().trim().min(1, "Enter a name").max(200, "Keep the name under 200 characters"),
    role: z.enum([...teamRoles, "customer"], { message: "Choose a role" }),
    customerId: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined)),
    password: passwordSchema,
  })
  .superRefine((v, ctx) => {
    if (v.role === "customer" && !v.customerId)
      ctx.addIssue({ code: "custom", path: ["customerId"], message: "Choose the customer this user belongs to" });
    if (v.customerId && !z.uuid().safeParse(v.customerId).success)
      ctx.addIssue({ code: "custom", path: ["customerId"], message: "Choose a customer from the list" });
  });

export const changeRoleSchema = z.object({
  userId: z.uuid(),
  role: z.enum(teamRoles, { message: "Choose admin, builder or viewer" }),
});
export const removeUserSchema = z.object({ userId: z.uuid() });

/** Adds a team member or a customer user to an organization. */
export async function addUser(db: Db, organizationId: string, input: z.infer<typeof addUserSchema>) {
  if (await emailTaken(db, input.email))
    throw new ConflictError("That e-mail address already has an account", { email: "Already in use" });
  let customerId: string | null = null;
  if (input.role === "customer" && input.customerId) {
    const [customer] = await db
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.organizationId, organizationId), eq(customers.id, input.customerId)))
      .limit(1);
    if (!customer)
      throw new ValidationError("That customer does not exist", { customerId: "Choose a customer from the list" });
    customerId = customer.id;
  }
  const passwordHash = await hashPassword(input.password);
  return audited(
    db,
    (user) => ({
      organizationId,
      action: "member.added",
      target: { type: "user", id: user?.id ?? null, name: input.email },
      fields: ["email", "name", "role", "password", ...(customerId ? ["customerId"] : [])],
    }),
    (tx: Db) =>
      insertUser(tx, organizationId, {
        email: input.email,
        name: input.name,
        role: input.role,
        customerId,
        passwordHash,
      }),
  );
}

/** Changes a team member's role; an organization always keeps one admin. */
export async function changeRole(
  db: Db,
  organizationId: string,
  actingUserId: string,
  input: z.infer<typeof changeRoleSchema>,
) {
  const user = await findUser(db, organizationId, input.userId);
  if (!user) throw new NotFoundError("No such user");
  if (user.role === "customer")
    throw new ValidationError("Customer users have no team role", { role: "Customer users keep the customer role" });
  if (user.role === "admin" && input.role !== "admin") {
    if (user.id === actingUserId)
      throw new ValidationError("You cannot take away your own admin role", { role: "Ask another admin" });
    if ((await countAdmins(db, organizationId)) <= 1)
      throw new ValidationError("The organization needs at least one admin", { role: "Keep one admin" });
  }
  return audited(
    db,
    {
      organizationId,
      action: "member.role_changed",
      target: { type: "user", id: user.id, name: user.email },
      fields: ["role"],
    },
    (tx: Db) => updateUserRole(tx, organizationId, input.userId, input.role),
  );
}

/** Removes a user; admins cannot remove themselves, and the last admin stays. */
export async function removeUser(db: Db, organizationId: string, actingUserId: string, userId: string) {
  if (userId === actingUserId) throw new ValidationError("You cannot remove yourself");
  const user = await findUser(db, organizationId, userId);
  if (!user) throw new NotFoundError("No such user");
  if (user.role === "admin" && (await countAdmins(db, organizationId)) <= 1)
    throw new ValidationError("The organization needs at least one admin");
  await audited(
    db,
    { organizationId, action: "member.removed", target: { type: "user", id: userId, name: user.email } },
    (tx: Db) => deleteUser(tx, organizationId, userId),
  );
}
