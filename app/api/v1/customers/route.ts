// GET /api/v1/customers - the organization's customers, searchable by name or external id
// POST /api/v1/customers - add a customer
import { apiRoute } from "@/lib/api/route";
import { customerSpecs } from "@/lib/api/specs/customers";
import { createCustomer, listCustomerDtos } from "@/lib/customers/service";

export const GET = apiRoute(customerSpecs.list, ({ db, principal, query }) =>
  listCustomerDtos(db, principal.organizationId, query),
);

export const POST = apiRoute(customerSpecs.create, ({ db, principal, body }) =>
  createCustomer(db, principal.organizationId, body),
);
