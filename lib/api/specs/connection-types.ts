import { connectionTypeInputSchema, connectionTypePatchSchema } from "@/lib/connection-types/definition";
import { listOf } from "@/lib/credentials/api-schemas";
import { routeSpec } from "../spec";
import { typeKeyParams } from "../schemas-v1";
import { connectionTypeAnswer, deletedAnswer } from "./answers";

// The catalogue: built-in connection types and the organization's custom ones.
export const connectionTypeSpecs = {
  list: routeSpec({
    method: "GET",
    path: "/api/v1/connection-types",
    tag: "Connection types",
    summary: "The built-in catalogue and the organization's custom types",
    auth: "apiKey",
    response: listOf(connectionTypeAnswer),
  }),
  create: routeSpec({
    method: "POST",
    path: "/api/v1/connection-types",
    tag: "Connection types",
    summary: "Declare a custom connection type",
    auth: "apiKey",
    permission: "catalog:write",
    body: connectionTypeInputSchema,
    status: 201,
    response: connectionTypeAnswer,
  }),
  get: routeSpec({
    method: "GET",
    path: "/api/v1/connection-types/{key}",
    tag: "Connection types",
    summary: "One connection type",
    auth: "apiKey",
    params: typeKeyParams,
    response: connectionTypeAnswer,
  }),
  update: routeSpec({
    method: "PATCH",
    path: "/api/v1/connection-types/{key}",
    tag: "Connection types",
    summary:
      "Change a custom connection type (the given properties replace the stored ones; key and kind cannot change; built-in types: 403)",
    auth: "apiKey",
    permission: "catalog:write",
    params: typeKeyParams,
    body: connectionTypePatchSchema,
    response: connectionTypeAnswer,
  }),
  delete: routeSpec({
    method: "DELETE",
    path: "/api/v1/connection-types/{key}",
    tag: "Connection types",
    summary: "Delete a custom connection type (built-in types: 403)",
    auth: "apiKey",
    permission: "catalog:write",
    params: typeKeyParams,
    response: deletedAnswer,
    conflict: "The type is used: the message names the integrations (or credentials) that use it",
  }),
};
