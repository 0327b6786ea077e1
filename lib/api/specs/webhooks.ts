import { z } from "zod";
import { idParams, listOf } from "@/lib/credentials/api-schemas";
import {
  rotatedSecretSchema,
  webhookInputSchema,
  webhookPatchSchema,
  webhookSchema,
  webhookWithSecretSchema,
} from "@/lib/webhooks/schemas";
import { routeSpec } from "../spec";
import { deletedAnswer } from "./answers";

// The organization's webhook endpoints (API.md, Webhooks). Every key reads them; admin keys manage.
const BODY_LIMIT = 16 * 1024;

export const webhookSpecs = {
  list: routeSpec({
    method: "GET",
    path: "/api/v1/webhooks",
    tag: "Webhooks",
    summary: "List webhook endpoints",
    auth: "apiKey",
    permission: "webhooks:read",
    response: listOf(webhookSchema),
  }),
  create: routeSpec({
    method: "POST",
    path: "/api/v1/webhooks",
    tag: "Webhooks",
    summary: "Add a webhook endpoint; the answer holds its signing secret, this once",
    auth: "apiKey",
    permission: "webhooks:manage",
    body: webhookInputSchema,
    bodyLimit: BODY_LIMIT,
    status: 201,
    response: webhookWithSecretSchema,
  }),
  get: routeSpec({
    method: "GET",
    path: "/api/v1/webhooks/{id}",
    tag: "Webhooks",
    summary: "One webhook endpoint",
    auth: "apiKey",
    permission: "webhooks:read",
    params: idParams,
    response: webhookSchema,
  }),
  update: routeSpec({
    method: "PATCH",
    path: "/api/v1/webhooks/{id}",
    tag: "Webhooks",
    summary: "Change a webhook endpoint's URL, events or description, or disable or enable it",
    auth: "apiKey",
    permission: "webhooks:manage",
    params: idParams,
    body: webhookPatchSchema,
    bodyLimit: BODY_LIMIT,
    response: webhookSchema,
  }),
  delete: routeSpec({
    method: "DELETE",
    path: "/api/v1/webhooks/{id}",
    tag: "Webhooks",
    summary: "Delete a webhook endpoint and its deliveries",
    auth: "apiKey",
    permission: "webhooks:manage",
    params: idParams,
    response: deletedAnswer,
  }),
  rotateSecret: routeSpec({
    method: "POST",
    path: "/api/v1/webhooks/{id}/rotate-secret",
    tag: "Webhooks",
    summary: "A new signing secret, answered once; the old one still signs beside it for 24 hours",
    auth: "apiKey",
    permission: "webhooks:manage",
    params: idParams,
    body: z.object({}).optional(),
    bodyLimit: 1024,
    response: rotatedSecretSchema,
  }),
};
