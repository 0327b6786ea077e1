import { idParams, listOf } from "@/lib/credentials/api-schemas";
import { integrationInput, integrationPatch, integrationSchema } from "@/lib/integrations/schemas";
import { routeSpec } from "../spec";
import { integrationListQuery } from "../schemas-v1";
import { deletedAnswer } from "./answers";

// Integrations: config variables and steps, deployed to customers as instances.
export const integrationSpecs = {
  list: routeSpec({
    method: "GET",
    path: "/api/v1/integrations",
    tag: "Integrations",
    summary: "List integrations, searchable by name",
    auth: "apiKey",
    query: integrationListQuery,
    response: listOf(integrationSchema),
  }),
  create: routeSpec({
    method: "POST",
    path: "/api/v1/integrations",
    tag: "Integrations",
    summary: "Create an integration with its config variables and steps",
    auth: "apiKey",
    permission: "catalog:write",
    body: integrationInput,
    status: 201,
    response: integrationSchema,
  }),
  get: routeSpec({
    method: "GET",
    path: "/api/v1/integrations/{id}",
    tag: "Integrations",
    summary: "One integration",
    auth: "apiKey",
    params: idParams,
    response: integrationSchema,
  }),
  update: routeSpec({
    method: "PATCH",
    path: "/api/v1/integrations/{id}",
    tag: "Integrations",
    summary: "Rename or re-describe an integration",
    auth: "apiKey",
    permission: "catalog:write",
    params: idParams,
    body: integrationPatch,
    response: integrationSchema,
  }),
  replace: routeSpec({
    method: "PUT",
    path: "/api/v1/integrations/{id}",
    tag: "Integrations",
    summary:
      "Replace an integration's whole design (the same body as POST); instances keep the connections whose keys remain",
    auth: "apiKey",
    permission: "catalog:write",
    params: idParams,
    body: integrationInput,
    response: integrationSchema,
  }),
  delete: routeSpec({
    method: "DELETE",
    path: "/api/v1/integrations/{id}",
    tag: "Integrations",
    summary: "Delete an integration with its instances",
    auth: "apiKey",
    permission: "catalog:write",
    params: idParams,
    response: deletedAnswer,
  }),
};
