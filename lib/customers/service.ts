import "server-only";
import { audited } from "@/lib/audit/record";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { isUniqueViolation } from "@/lib/db-errors";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { decodeCursor, page } from "@/lib/pagination";
import {
  countCustomerDependents,
  deleteCustomerRow,
  findCustomer,
  insertCustomer,
  listCustomers,
  updateCustomerRow,
  type CustomerRow,
} from "./queries";
import type { customerInputSchema, customerPatchSchema } from "./schemas";

const duplicateExternalId = () =>
  new ConflictError("Another customer already has this external id", {
    externalId: "Already used by another customer",
  });

/** A customer as the API and screens show it. */
export function toCustomerDto(row: CustomerRow) {
  return {
    id: row.id,
    name: row.name,
    externalId: row.externalId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A page of an organization's customers. */
export async function listCustomerDtos(
  db: Db,
  organizationId: string,
  q: { search?: string; cursor?: string; limit: number },
) {
  const p = page(await listCustomers(db, organizationId, { ...q, cursor: decodeCursor(q.cursor) }), q.limit);
  return { data: p.data.map(toCustomerDto), nextCursor: p.nextCursor };
}

/** One customer, or NotFoundError. */
export async function getCustomerDto(db: Db, organizationId: string, id: string) {
  const row = await findCustomer(db, organizationId, id);
  if (!row) throw new NotFoundError("No such customer");
  return toCustomerDto(row);
}

/** Creates a customer; the external id is unique within the organization. */
export async function createCustomer(db: Db, organizationId: string, input: z.infer<typeof customerInputSchema>) {
  try {
    const row = await audited(
      db,
      (r) => ({
        organizationId,
        action: "customer.created",
        target: { type: "customer", id: r.id, name: input.name },
        fields: Object.keys(input),
      }),
      (tx: Db) => insertCustomer(tx, organizationId, input),
    );
    return toCustomerDto(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateExternalId();
    throw error;
  }
}

/** Changes a customer's name or external id. */
export async function updateCustomer(
  db: Db,
  organizationId: string,
  id: string,
  patch: z.infer<typeof customerPatchSchema>,
) {
  try {
    const row = await audited(
      db,
      (r) => ({
        organizationId,
        action: "customer.updated",
        target: { type: "customer", id, name: r.name },
        fields: Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined),
      }),
      async (tx: Db) => {
        const updated = await updateCustomerRow(tx, organizationId, id, patch);
        if (!updated) throw new NotFoundError("No such customer");
        return updated;
      },
    );
    return toCustomerDto(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateExternalId();
    throw error;
  }
}

/** Deletes a customer with its users and credentials. */
export async function deleteCustomer(db: Db, organizationId: string, id: string): Promise<void> {
  await audited(
    db,
    { organizationId, action: "customer.deleted", target: { type: "customer", id } },
    async (tx: Db) => {
      if (!(await deleteCustomerRow(tx, organizationId, id))) throw new NotFoundError("No such customer");
    },
  );
}

export { countCustomerDependents };
