import { customerInputSchema, customerListQuery, customerPatchSchema, customerSchema } from "@/lib/customers/schemas";
import { idParams, listOf } from "@/lib/credentials/api-schemas";
import { routeSpec } from "../spec";
import { deletedAnswer } from "./answers";

// The organization's customers.
export const customerSpecs = {
  list: routeSpec({
    method: "GET",
    path: "/api/v1/customers",
    tag: "Customers",
    summary: "List customers, searchable by name or external id",
    auth: "apiKey",
    query: customerListQuery,
    response: listOf(customerSchema),
  }),
  create: routeSpec({
    method: "POST",
    path: "/api/v1/customers",
    tag: "Customers",
    summary: "Add a customer",
    auth: "apiKey",
    permission: "customers:write",
    body: customerInputSchema,
    status: 201,
    response: customerSchema,
  }),
  get: routeSpec({
    method: "GET",
    path: "/api/v1/customers/{id}",
    tag: "Customers",
    summary: "One customer",
    auth: "apiKey",
    params: idParams,
    response: customerSchema,
  }),
  update: routeSpec({
    method: "PATCH",
    path: "/api/v1/customers/{id}",
    tag: "Customers",
    summary: "Change a customer",
    auth: "apiKey",
    permission: "customers:write",
    params: idParams,
    body: customerPatchSchema,
    response: customerSchema,
  }),
  delete: routeSpec({
    method: "DELETE",
    path: "/api/v1/customers/{id}",
    tag: "Customers",
    summary: "Delete a customer with its users and credentials",
    auth: "apiKey",
    permission: "customers:write",
    params: idParams,
    response: deletedAnswer,
  }),
};
