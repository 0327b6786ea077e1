// GET /api/v1/customers - the organization's customers, searchable by name or external id
// POST /api/v1/customers - add a customer
import { apiRoute, withStatus } from "@/lib/api/route";
import { customerInputSchema, customerListQuery } from "@/lib/customers/schemas";
import { createCustomer, listCustomerDtos } from "@/lib/customers/service";

export const GET = apiRoute({ auth: "apiKey", query: customerListQuery }, ({ db, principal, query }) =>
  listCustomerDtos(db, principal.organizationId, query),
);

export const POST = apiRoute(
  { auth: "apiKey", permission: "customers:write", body: customerInputSchema },
  async ({ db, principal, body }) => withStatus(201, await createCustomer(db, principal.organizationId, body)),
);
