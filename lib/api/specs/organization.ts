import { apiSigningKeyInput, signingKeySchema } from "@/lib/embedding/signing-keys";
import { organizationSchema, updateOrganizationSchema } from "@/lib/organizations/schemas";
import { idParams, listOf } from "@/lib/credentials/api-schemas";
import { routeSpec } from "../spec";
import { deletedAnswer } from "./answers";

// The caller's organization and the keys that verify its embedding JWTs.
export const organizationSpecs = {
  get: routeSpec({
    method: "GET",
    path: "/api/v1/organization",
    tag: "Organization",
    summary: "The caller's organization and its settings",
    auth: "apiKey",
    response: organizationSchema,
  }),
  update: routeSpec({
    method: "PATCH",
    path: "/api/v1/organization",
    tag: "Organization",
    summary: "Change the organization's name and allowed origins (admin keys only)",
    auth: "apiKey",
    permission: "organization:manage",
    body: updateOrganizationSchema,
    response: organizationSchema,
  }),
  listSigningKeys: routeSpec({
    method: "GET",
    path: "/api/v1/organization/signing-keys",
    tag: "Organization",
    summary: "The public keys that verify embedding JWTs",
    auth: "apiKey",
    response: listOf(signingKeySchema),
  }),
  addSigningKey: routeSpec({
    method: "POST",
    path: "/api/v1/organization/signing-keys",
    tag: "Organization",
    summary: "Register a PEM public key (RSA 2048+ for RS256, EC P-256 for ES256) for embedding JWTs (admin keys only)",
    auth: "apiKey",
    permission: "organization:manage",
    body: apiSigningKeyInput,
    status: 201,
    response: signingKeySchema,
  }),
  deleteSigningKey: routeSpec({
    method: "DELETE",
    path: "/api/v1/organization/signing-keys/{id}",
    tag: "Organization",
    summary: "Remove a signing key (admin keys only)",
    auth: "apiKey",
    permission: "organization:manage",
    params: idParams,
    response: deletedAnswer,
  }),
};
