import { z } from "zod";
import { credentialMethodKeys } from "@/lib/connection-types/catalog/types/auth-methods";
import { headerSchema } from "./validation";
import { paginationQuery } from "@/lib/pagination";

// Schemas of the credentials API, for parsing query strings and for the OpenAPI document.

export const credentialListQuery = z.object({
  owner: z
    .enum(["organization", "customer", "all"], { message: "owner is organization, customer or all" })
    .default("all"),
  customerId: z.uuid("customerId must be a customer's id").optional(),
  label: z.string().max(200, "label is at most 200 characters").optional(),
  ...paginationQuery,
});

export const credentialSchema = z
  .object({
    id: z.uuid(),
    label: z.string(),
    authMethod: z.string(),
    owner: z.union([
      z.object({ type: z.literal("organization") }),
      z.object({ type: z.literal("customer"), customerId: z.uuid(), customerName: z.string().nullable() }),
    ]),
    complete: z.boolean(),
    status: z.enum(["green", "yellow", "red"]),
    statusReason: z.string().nullable(),
    fieldsSet: z.array(z.string()),
    headers: z.array(z.object({ name: z.string(), on: z.enum(["authorize", "token", "both"]) })),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Credential" });

/** The documented shape of a new credential (the route checks values against the method as well). */
export const credentialInputDoc = z
  .object({
    label: z.string().max(200),
    authMethod: z.enum(credentialMethodKeys).or(z.string().describe("a connection type key")),
    customerId: z.uuid().optional(),
    values: z.record(z.string(), z.string()).optional(),
    headers: z.array(headerSchema).optional(),
  })
  .meta({ id: "CredentialInput" });

export const credentialPatchDoc = z
  .object({
    label: z.string().max(200).optional(),
    values: z.record(z.string(), z.string()).optional(),
    clear: z.array(z.string()).optional().describe("field keys whose stored value is removed (a blank value keeps it)"),
    headers: z.array(headerSchema).optional(),
  })
  .meta({ id: "CredentialPatch" });

export const idParams = z.object({ id: z.uuid("Not a valid id") });

/** A list page of some item schema. */
export const listOf = (item: z.ZodType) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });
