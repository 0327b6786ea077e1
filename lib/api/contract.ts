import { z } from "zod";
import { organizationSchema, updateOrganizationSchema } from "@/lib/organizations/schemas";
import { credentialInputDoc, credentialListQuery, credentialPatchDoc, credentialSchema, idParams, listOf } from "@/lib/credentials/api-schemas";
import { customerInputSchema, customerListQuery, customerPatchSchema, customerSchema } from "@/lib/customers/schemas";
import type { Operation } from "./openapi";

const deleted = z.object({ deleted: z.literal(true) });

// Every API v1 operation, for the OpenAPI document. Each route parses with the schemas named here.
export const operations: Operation[] = [
  { method: "get", path: "/api/v1/organization", tag: "Organization", summary: "The caller's organization and its settings", response: organizationSchema },
  {
    method: "patch",
    path: "/api/v1/organization",
    tag: "Organization",
    summary: "Change the organization's name and allowed origins (admin keys only)",
    body: updateOrganizationSchema,
    response: organizationSchema,
  },
  { method: "get", path: "/api/v1/customers", tag: "Customers", summary: "List customers, searchable by name or external id", query: customerListQuery, response: listOf(customerSchema) },
  { method: "post", path: "/api/v1/customers", tag: "Customers", summary: "Add a customer", body: customerInputSchema, response: customerSchema, status: 201 },
  { method: "get", path: "/api/v1/customers/{id}", tag: "Customers", summary: "One customer", params: idParams, response: customerSchema },
  { method: "patch", path: "/api/v1/customers/{id}", tag: "Customers", summary: "Change a customer", params: idParams, body: customerPatchSchema, response: customerSchema },
  { method: "delete", path: "/api/v1/customers/{id}", tag: "Customers", summary: "Delete a customer with its users and credentials", params: idParams, response: deleted },
  { method: "get", path: "/api/v1/credentials", tag: "Credentials", summary: "List credentials, filtered by owner and label", query: credentialListQuery, response: listOf(credentialSchema) },
  { method: "post", path: "/api/v1/credentials", tag: "Credentials", summary: "Store a credential; its values are never returned", body: credentialInputDoc, response: credentialSchema, status: 201 },
  { method: "get", path: "/api/v1/credentials/{id}", tag: "Credentials", summary: "One credential, without its values", params: idParams, response: credentialSchema },
  { method: "patch", path: "/api/v1/credentials/{id}", tag: "Credentials", summary: "Change a credential; blank values keep the stored ones", params: idParams, body: credentialPatchDoc, response: credentialSchema },
  { method: "delete", path: "/api/v1/credentials/{id}", tag: "Credentials", summary: "Delete a credential", params: idParams, response: deleted },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    tag: "Meta",
    public: true,
    summary: "This document",
    response: z.object({ openapi: z.string() }).loose(),
  },
];
