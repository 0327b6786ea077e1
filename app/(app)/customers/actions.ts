"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import { customerInputSchema } from "@/lib/customers/schemas";
import { createCustomer, deleteCustomer, updateCustomer } from "@/lib/customers/service";

// Server actions of the customer screens; builders and admins.

export const createCustomerAction = action(
  { schema: customerInputSchema, permission: "customers:write" },
  (input, { db, user }) => createCustomer(db, user.organizationId, input),
);

export const updateCustomerAction = action(
  { schema: customerInputSchema.extend({ id: z.uuid() }), permission: "customers:write" },
  ({ id, ...patch }, { db, user }) => updateCustomer(db, user.organizationId, id, patch),
);

export const deleteCustomerAction = action(
  { schema: z.object({ id: z.uuid() }), permission: "customers:write" },
  async (input, { db, user }) => {
    await deleteCustomer(db, user.organizationId, input.id);
    return { id: input.id };
  },
);
