import { z } from "zod";
import { organizationSchema, updateOrganizationSchema } from "@/lib/organizations/schemas";
import type { Operation } from "./openapi";

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
  {
    method: "get",
    path: "/api/v1/openapi.json",
    tag: "Meta",
    public: true,
    summary: "This document",
    response: z.object({ openapi: z.string() }).loose(),
  },
];
