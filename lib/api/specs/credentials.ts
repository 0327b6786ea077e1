import { z } from "zod";
import {
  credentialInputDoc,
  credentialListQuery,
  credentialPatchDoc,
  credentialSchema,
  idParams,
  listOf,
} from "@/lib/credentials/api-schemas";
import { newCredentialSchema } from "@/lib/credentials/service";
import { routeSpec } from "../spec";
import { deletedAnswer } from "./answers";

// Credentials: their values go in and never come out.
export const credentialSpecs = {
  list: routeSpec({
    method: "GET",
    path: "/api/v1/credentials",
    tag: "Credentials",
    summary: "List credentials, filtered by owner and label",
    auth: "apiKey",
    query: credentialListQuery,
    response: listOf(credentialSchema),
  }),
  create: routeSpec({
    method: "POST",
    path: "/api/v1/credentials",
    tag: "Credentials",
    summary: "Store a credential; its values are never returned",
    auth: "apiKey",
    permission: "credentials:write",
    body: newCredentialSchema(),
    documentedBody: credentialInputDoc,
    status: 201,
    response: credentialSchema,
  }),
  get: routeSpec({
    method: "GET",
    path: "/api/v1/credentials/{id}",
    tag: "Credentials",
    summary: "One credential, without its values",
    auth: "apiKey",
    params: idParams,
    response: credentialSchema,
  }),
  update: routeSpec({
    method: "PATCH",
    path: "/api/v1/credentials/{id}",
    tag: "Credentials",
    summary: "Change a credential; blank values keep the stored ones",
    auth: "apiKey",
    permission: "credentials:write",
    params: idParams,
    // The body is checked against the credential's own auth method, which only the stored row knows.
    body: z.unknown(),
    documentedBody: credentialPatchDoc,
    response: credentialSchema,
  }),
  delete: routeSpec({
    method: "DELETE",
    path: "/api/v1/credentials/{id}",
    tag: "Credentials",
    summary: "Delete a credential",
    auth: "apiKey",
    permission: "credentials:write",
    params: idParams,
    response: deletedAnswer,
  }),
};
