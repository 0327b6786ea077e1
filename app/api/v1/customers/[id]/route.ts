// GET /api/v1/customers/{id} - one customer
// PATCH /api/v1/customers/{id} - change its name or external id
// DELETE /api/v1/customers/{id} - delete it with its users and credentials
import { apiRoute } from "@/lib/api/route";
import { customerSpecs } from "@/lib/api/specs/customers";
import { deleteCustomer, getCustomerDto, updateCustomer } from "@/lib/customers/service";

export const GET = apiRoute(customerSpecs.get, ({ db, principal, params }) =>
  getCustomerDto(db, principal.organizationId, params.id),
);

export const PATCH = apiRoute(customerSpecs.update, ({ db, principal, params, body }) =>
  updateCustomer(db, principal.organizationId, params.id, body),
);

export const DELETE = apiRoute(customerSpecs.delete, async ({ db, principal, params }) => {
  await deleteCustomer(db, principal.organizationId, params.id);
  return { deleted: true };
});
