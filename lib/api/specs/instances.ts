import { idParams, listOf } from "@/lib/credentials/api-schemas";
import { connectionInput } from "@/lib/instances/connections";
import { instanceInput } from "@/lib/instances/service";
import { routeSpec } from "../spec";
import { connectionParams, instanceListQuery, logListQuery } from "../schemas-v1";
import {
  authorizationUrlAnswer,
  connectionAnswer,
  connectionLogAnswer,
  connectionTestAnswer,
  deletedAnswer,
  disconnectAnswer,
  instanceAnswer,
} from "./answers";

// Instances (an integration deployed to a customer) and their connections.
export const instanceSpecs = {
  list: routeSpec({
    method: "GET",
    path: "/api/v1/instances",
    tag: "Instances",
    summary: "List instances, optionally of one customer or integration",
    auth: "apiKey",
    query: instanceListQuery,
    response: listOf(instanceAnswer),
  }),
  deploy: routeSpec({
    method: "POST",
    path: "/api/v1/instances",
    tag: "Instances",
    summary: "Deploy an integration to a customer",
    auth: "apiKey",
    permission: "instances:write",
    body: instanceInput,
    status: 201,
    response: instanceAnswer,
  }),
  get: routeSpec({
    method: "GET",
    path: "/api/v1/instances/{id}",
    tag: "Instances",
    summary: "One instance with each connection's status",
    auth: "apiKey",
    params: idParams,
    response: instanceAnswer,
  }),
  delete: routeSpec({
    method: "DELETE",
    path: "/api/v1/instances/{id}",
    tag: "Instances",
    summary: "Delete an instance and the credentials its wizard created",
    auth: "apiKey",
    permission: "instances:write",
    params: idParams,
    response: deletedAnswer,
  }),
  saveConnection: routeSpec({
    method: "PUT",
    path: "/api/v1/instances/{id}/connections/{key}",
    tag: "Instances",
    summary:
      "Set a connection's values (any field, embedded and hidden included) or bind an existing credential; values for `embedded` fields only (the embedding partner's) may leave other required fields unset, which then show red; a client credentials connection fetches its token and reports the outcome as `token`",
    auth: "apiKey",
    permission: "instances:write",
    params: connectionParams,
    body: connectionInput,
    response: connectionAnswer,
  }),
  authorize: routeSpec({
    method: "POST",
    path: "/api/v1/instances/{id}/connections/{key}/authorize",
    tag: "Instances",
    summary:
      "CONNECT: the provider's authorization URL for an OAuth connection (single use, valid 10 minutes; needs no Latchkey account)",
    auth: "apiKey",
    permission: "instances:write",
    params: connectionParams,
    response: authorizationUrlAnswer,
  }),
  disconnect: routeSpec({
    method: "DELETE",
    path: "/api/v1/instances/{id}/connections/{key}/authorization",
    tag: "Instances",
    summary:
      "DISCONNECT: forget the tokens, stop refreshing, and revoke them (RFC 7009) where the connection has a revocation URL",
    auth: "apiKey",
    permission: "instances:write",
    params: connectionParams,
    response: disconnectAnswer,
  }),
  test: routeSpec({
    method: "POST",
    path: "/api/v1/instances/{id}/connections/{key}/test",
    tag: "Instances",
    summary: "Run the connection type's test request",
    auth: "apiKey",
    permission: "instances:write",
    params: connectionParams,
    response: connectionTestAnswer,
  }),
  logs: routeSpec({
    method: "GET",
    path: "/api/v1/instances/{id}/connections/{key}/logs",
    tag: "Instances",
    summary: "The connection's log, newest first",
    auth: "apiKey",
    params: connectionParams,
    query: logListQuery,
    response: listOf(connectionLogAnswer),
  }),
};
