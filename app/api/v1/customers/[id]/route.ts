// GET /api/v1/customers/{id} - one customer
// PATCH /api/v1/customers/{id} - change its name or external id
// DELETE /api/v1/customers/{id} - delete it with its users and credentials
import { apiRoute } from "@/lib/api/route";
import { idParams } from "@/lib/credentials/api-schemas";
import { customerPatchSchema } from "@/lib/customers/schemas";
import { deleteCustomer, getCustomerDto, updateCustomer } from "@/lib/customers/service";

export const GET = apiRoute({ auth: "apiKey", params: idParams }, ({ db, principal, params }) =>
  getCustomerDto(db, principal.organizationId, params.id),
);

export const PATCH = apiRoute(
  { auth: "apiKey", permission: "customers:write", params: idParams, body: customerPatchSchema },
  ({ db, principal, params, body }) => updateCustomer(db, principal.organizationId, params.id, body),
);

export const DELETE = apiRoute(
  { auth: "apiKey", permission: "customers:write", params: idParams },
  async ({ db, principal, params }) => {
    await deleteCustomer(db, principal.organizationId, params.id);
    return { deleted: true };
  },
);
