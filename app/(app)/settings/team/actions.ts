"use server";

import { action } from "@/lib/actions/action";
import {
  addUser,
  addUserSchema,
  changeRole,
  changeRoleSchema,
  removeUser,
  removeUserSchema,
} from "@/lib/users/service";

// Server actions of Settings → Team; admins only.

export const addUserAction = action(
  { schema: addUserSchema, permission: "team:manage" },
  async (input, { db, user }) => {
    const added = await addUser(db, user.organizationId, input);
    return { id: added?.id ?? "", email: input.email };
  },
);

export const changeRoleAction = action(
  { schema: changeRoleSchema, permission: "team:manage" },
  async (input, { db, user }) => {
    await changeRole(db, user.organizationId, user.id, input);
    return { userId: input.userId, role: input.role };
  },
);

export const removeUserAction = action(
  { schema: removeUserSchema, permission: "team:manage" },
  async (input, { db, user }) => {
    await removeUser(db, user.organizationId, user.id, input.userId);
    return { userId: input.userId };
  },
);
