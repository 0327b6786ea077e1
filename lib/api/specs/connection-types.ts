import { connectionTypeInputSchema, connectionTypePatchSchema } from "@/lib/connection-types/definition";
import { listOf } from "@/lib/credentials/api-schemas";
import { z } from "zod";
import { routeSpec } from "../spec";
import { typeKeyParams } from "../schemas-v1";
import { connectionTypeAnswer, deletedAnswer } from "./answers";

// The catalogue: built-in connection types and the organization's custom ones.
const discoverBody = z
  .object({ issuer: z.string().trim().min(1, "Enter the issuer URL, such as https://login.example.com").max(2048) })
  .strict()
  .meta({ id: "DiscoverConnectionType" });

const discoveredAnswer = z
  .object({
    draft: z.object({ key: z.string(), label: z.string(), kind: z.string() }).loose(),
    metadata: z
      .object({
        source: z.enum(["oauth-authorization-server", "openid-configuration"]),
        url: z.string(),
        scopesSupported: z.array(z.string()),
        codeChallengeMethodsSupported: z.array(z.string()),
        tokenEndpointAuthMethodsSupported: z.array(z.string()),
      })
      .loose(),
  })
  .meta({ id: "DiscoveredConnectionType" });

// What POST /api/v1/connection-types takes: the definition only, no builtIn.
const definitionAnswer = z
  .object({
    key: z.string(),
    label: z.string(),
    kind: z.string(),
    fields: z.array(z.object({ key: z.string() }).loose()),
  })
  .loose()
  .meta({ id: "ConnectionTypeDefinition" });

export const connectionTypeSpecs = {
  discover: routeSpec({
    method: "POST",
    path: "/api/v1/connection-types/discover",
    tag: "Connection types",
    summary:
      "A draft connection type read from an issuer's RFC 8414 or OpenID Connect metadata, to review and save (nothing is stored)",
    auth: "apiKey",
    permission: "catalog:write",
    body: discoverBody,
    response: discoveredAnswer,
  }),
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
  export: routeSpec({
    method: "GET",
    path: "/api/v1/connection-types/{key}/export",
    tag: "Connection types",
    summary:
      "A custom type's definition as JSON, to keep in version control and declare again with POST /api/v1/connection-types (built-in types: 403)",
    auth: "apiKey",
    params: typeKeyParams,
    response: definitionAnswer,
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
