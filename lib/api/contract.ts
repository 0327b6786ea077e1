import { runtimeValuesSchema } from "@/lib/runtime/values";
import { apiSigningKeyInput, signingKeySchema } from "@/lib/embedding/signing-keys";
import { z } from "zod";
import { organizationSchema, updateOrganizationSchema } from "@/lib/organizations/schemas";
import {
  credentialInputDoc,
  credentialListQuery,
  credentialPatchDoc,
  credentialSchema,
  idParams,
  listOf,
} from "@/lib/credentials/api-schemas";
import { customerInputSchema, customerListQuery, customerPatchSchema, customerSchema } from "@/lib/customers/schemas";
import { connectionTypeInputSchema, connectionTypePatchSchema } from "@/lib/connection-types/definition";
import { integrationInput, integrationPatch, integrationSchema } from "@/lib/integrations/schemas";
import { connectionInput } from "@/lib/instances/connections";
import { instanceInput } from "@/lib/instances/service";
import { createRuntimeKeySchema } from "@/lib/api-keys/service";
import { runtimeKeySchema } from "@/lib/runtime/keys";
import {
  connectionParams,
  instanceListQuery,
  instanceParams,
  integrationListQuery,
  logListQuery,
  runtimeKeyParams,
  typeKeyParams,
} from "./schemas-v1";
import type { Operation } from "./openapi";

const deleted = z.object({ deleted: z.literal(true) });
const connectionTypeDoc = z
  .object({ key: z.string(), label: z.string(), kind: z.string(), builtIn: z.boolean() })
  .loose()
  .meta({ id: "ConnectionType" });
const connectionDoc = z
  .object({
    key: z.string(),
    label: z.string(),
    connectionType: z.string(),
    credentialId: z.uuid().nullable(),
    status: z.enum(["green", "yellow", "red"]),
    statusReason: z.string(),
    authorization: z
      .object({
        authorizedAt: z.string(),
        expiresAt: z.string().nullable(),
        grantedScopes: z.array(z.string()),
        refreshable: z.boolean(),
        needsReauthorization: z.boolean(),
        nextRefreshAt: z.string().nullable(),
        lastRefreshedAt: z.string().nullable(),
        consecutiveFailures: z.number(),
      })
      .nullable()
      .optional(),
  })
  .loose()
  .meta({ id: "InstanceConnection" });
const instanceDoc = z
  .object({
    id: z.uuid(),
    name: z.string(),
    integrationId: z.uuid(),
    customerId: z.uuid(),
    connections: z.array(connectionDoc),
  })
  .loose()
  .meta({ id: "Instance" });
const authorizeDoc = z.object({ url: z.string(), expiresAt: z.string() }).meta({ id: "AuthorizationUrl" });
const disconnectDoc = z
  .object({
    disconnected: z.literal(true),
    revocation: z.enum(["revoked", "failed", "not_supported", "nothing_to_revoke"]),
    message: z.string(),
  })
  .meta({ id: "Disconnect" });
const logDoc = z
  .object({
    id: z.uuid(),
    level: z.enum(["info", "warn", "error"]),
    event: z.string(),
    message: z.string(),
    createdAt: z.string(),
  })
  .loose()
  .meta({ id: "ConnectionLogEntry" });

// Every API v1 operation, for the OpenAPI document. Each route parses with the schemas named here.
export const operations: Operation[] = [
  {
    method: "get",
    path: "/api/v1/organization",
    tag: "Organization",
    summary: "The caller's organization and its settings",
    response: organizationSchema,
  },
  {
    method: "patch",
    path: "/api/v1/organization",
    tag: "Organization",
    summary: "Change the organization's name and allowed origins (admin keys only)",
    body: updateOrganizationSchema,
    response: organizationSchema,
  },
  {
    method: "get",
    path: "/api/v1/organization/signing-keys",
    tag: "Organization",
    summary: "The public keys that verify embedding JWTs",
    response: listOf(signingKeySchema),
  },
  {
    method: "post",
    path: "/api/v1/organization/signing-keys",
    tag: "Organization",
    summary: "Register a PEM public key (RSA 2048+ for RS256, EC P-256 for ES256) for embedding JWTs (admin keys only)",
    body: apiSigningKeyInput,
    response: signingKeySchema,
    status: 201,
  },
  {
    method: "delete",
    path: "/api/v1/organization/signing-keys/{id}",
    tag: "Organization",
    summary: "Remove a signing key (admin keys only)",
    params: idParams,
    response: deleted,
  },
  {
    method: "get",
    path: "/api/v1/customers",
    tag: "Customers",
    summary: "List customers, searchable by name or external id",
    query: customerListQuery,
    response: listOf(customerSchema),
  },
  {
    method: "post",
    path: "/api/v1/customers",
    tag: "Customers",
    summary: "Add a customer",
    body: customerInputSchema,
    response: customerSchema,
    status: 201,
  },
  {
    method: "get",
    path: "/api/v1/customers/{id}",
    tag: "Customers",
    summary: "One customer",
    params: idParams,
    response: customerSchema,
  },
  {
    method: "patch",
    path: "/api/v1/customers/{id}",
    tag: "Customers",
    summary: "Change a customer",
    params: idParams,
    body: customerPatchSchema,
    response: customerSchema,
  },
  {
    method: "delete",
    path: "/api/v1/customers/{id}",
    tag: "Customers",
    summary: "Delete a customer with its users and credentials",
    params: idParams,
    response: deleted,
  },
  {
    method: "get",
    path: "/api/v1/credentials",
    tag: "Credentials",
    summary: "List credentials, filtered by owner and label",
    query: credentialListQuery,
    response: listOf(credentialSchema),
  },
  {
    method: "post",
    path: "/api/v1/credentials",
    tag: "Credentials",
    summary: "Store a credential; its values are never returned",
    body: credentialInputDoc,
    response: credentialSchema,
    status: 201,
  },
  {
    method: "get",
    path: "/api/v1/credentials/{id}",
    tag: "Credentials",
    summary: "One credential, without its values",
    params: idParams,
    response: credentialSchema,
  },
  {
    method: "patch",
    path: "/api/v1/credentials/{id}",
    tag: "Credentials",
    summary: "Change a credential; blank values keep the stored ones",
    params: idParams,
    body: credentialPatchDoc,
    response: credentialSchema,
  },
  {
    method: "delete",
    path: "/api/v1/credentials/{id}",
    tag: "Credentials",
    summary: "Delete a credential",
    params: idParams,
    response: deleted,
  },
  {
    method: "get",
    path: "/api/v1/connection-types",
    tag: "Connection types",
    summary: "The built-in catalogue and the organization's custom types",
    response: listOf(connectionTypeDoc),
  },
  {
    method: "post",
    path: "/api/v1/connection-types",
    tag: "Connection types",
    summary: "Declare a custom connection type",
    body: connectionTypeInputSchema,
    response: connectionTypeDoc,
    status: 201,
  },
  {
    method: "get",
    path: "/api/v1/connection-types/{key}",
    tag: "Connection types",
    summary: "One connection type",
    params: typeKeyParams,
    response: connectionTypeDoc,
  },
  {
    method: "patch",
    path: "/api/v1/connection-types/{key}",
    tag: "Connection types",
    summary:
      "Change a custom connection type (the given properties replace the stored ones; key and kind cannot change; built-in types: 403)",
    params: typeKeyParams,
    body: connectionTypePatchSchema,
    response: connectionTypeDoc,
  },
  {
    method: "delete",
    path: "/api/v1/connection-types/{key}",
    tag: "Connection types",
    summary: "Delete a custom connection type (built-in types: 403)",
    params: typeKeyParams,
    response: deleted,
    conflict: "The type is used: the message names the integrations (or credentials) that use it",
  },
  {
    method: "get",
    path: "/api/v1/integrations",
    tag: "Integrations",
    summary: "List integrations, searchable by name",
    query: integrationListQuery,
    response: listOf(integrationSchema),
  },
  {
    method: "post",
    path: "/api/v1/integrations",
    tag: "Integrations",
    summary: "Create an integration with its config variables and steps",
    body: integrationInput,
    response: integrationSchema,
    status: 201,
  },
  {
    method: "get",
    path: "/api/v1/integrations/{id}",
    tag: "Integrations",
    summary: "One integration",
    params: idParams,
    response: integrationSchema,
  },
  {
    method: "patch",
    path: "/api/v1/integrations/{id}",
    tag: "Integrations",
    summary: "Rename or re-describe an integration",
    params: idParams,
    body: integrationPatch,
    response: integrationSchema,
  },
  {
    method: "delete",
    path: "/api/v1/integrations/{id}",
    tag: "Integrations",
    summary: "Delete an integration with its instances",
    params: idParams,
    response: deleted,
  },
  {
    method: "get",
    path: "/api/v1/instances",
    tag: "Instances",
    summary: "List instances, optionally of one customer or integration",
    query: instanceListQuery,
    response: listOf(instanceDoc),
  },
  {
    method: "post",
    path: "/api/v1/instances",
    tag: "Instances",
    summary: "Deploy an integration to a customer",
    body: instanceInput,
    response: instanceDoc,
    status: 201,
  },
  {
    method: "get",
    path: "/api/v1/instances/{id}",
    tag: "Instances",
    summary: "One instance with each connection's status",
    params: idParams,
    response: instanceDoc,
  },
  {
    method: "delete",
    path: "/api/v1/instances/{id}",
    tag: "Instances",
    summary: "Delete an instance and the credentials its wizard created",
    params: idParams,
    response: deleted,
  },
  {
    method: "put",
    path: "/api/v1/instances/{id}/connections/{key}",
    tag: "Instances",
    summary:
      "Set a connection's values (any field, embedded and hidden included) or bind an existing credential; values for `embedded` fields only (the embedding partner's) may leave other required fields unset, which then show red; a client credentials connection fetches its token and reports the outcome as `token`",
    params: connectionParams,
    body: connectionInput,
    response: connectionDoc,
  },
  {
    method: "post",
    path: "/api/v1/instances/{id}/connections/{key}/authorize",
    tag: "Instances",
    summary:
      "CONNECT: the provider's authorization URL for an OAuth connection (single use, valid 10 minutes; needs no Latchkey account)",
    params: connectionParams,
    response: authorizeDoc,
  },
  {
    method: "delete",
    path: "/api/v1/instances/{id}/connections/{key}/authorization",
    tag: "Instances",
    summary:
      "DISCONNECT: forget the tokens, stop refreshing, and revoke them (RFC 7009) where the connection has a revocation URL",
    params: connectionParams,
    response: disconnectDoc,
  },
  {
    method: "post",
    path: "/api/v1/instances/{id}/connections/{key}/test",
    tag: "Instances",
    summary: "Run the connection type's test request",
    params: connectionParams,
    response: z.object({ ok: z.boolean(), status: z.number().nullable(), message: z.string() }),
  },
  {
    method: "get",
    path: "/api/v1/instances/{id}/connections/{key}/values",
    tag: "Runtime",
    summary: "Runtime: the connection's values and its access token (logged as a use)",
    params: connectionParams,
    response: runtimeValuesSchema,
  },
  {
    method: "get",
    path: "/api/v1/instances/{id}/runtime-keys",
    tag: "Runtime",
    summary: "The instance's runtime keys: API keys limited to this instance's runtime values",
    params: instanceParams,
    response: listOf(runtimeKeySchema),
  },
  {
    method: "post",
    path: "/api/v1/instances/{id}/runtime-keys",
    tag: "Runtime",
    summary: "A new runtime key for the integration code of this instance; the key is in the answer this once",
    params: instanceParams,
    body: createRuntimeKeySchema,
    status: 201,
    response: runtimeKeySchema.extend({ key: z.string() }),
  },
  {
    method: "delete",
    path: "/api/v1/instances/{id}/runtime-keys/{keyId}",
    tag: "Runtime",
    summary: "Revoke a runtime key",
    params: runtimeKeyParams,
    response: z.object({ revoked: z.boolean() }),
  },
  {
    method: "get",
    path: "/api/v1/instances/{id}/connections/{key}/logs",
    tag: "Instances",
    summary: "The connection's log, newest first",
    params: connectionParams,
    query: logListQuery,
    response: listOf(logDoc),
  },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    tag: "Meta",
    public: true,
    summary: "This document",
    response: z.object({ openapi: z.string() }).loose(),
  },
];
