import { z } from "zod";
import { NO_CONTROL_MESSAGE, noControl } from "@/lib/validation/text";
import { paginationQuery } from "@/lib/pagination";

// Params and queries of the catalogue, integrations and instances routes.

export const typeKeyParams = z.object({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, "Not a connection type key")
    .max(64),
});
export const connectionParams = z.object({
  id: z.uuid("Not a valid id"),
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, "Not a config variable key")
    .max(64),
});
export const instanceParams = z.object({ id: z.uuid("Not a valid id") });
export const runtimeKeyParams = z.object({ id: z.uuid("Not a valid id"), keyId: z.uuid("Not a valid key id") });
export const integrationListQuery = z.object({
  search: z.string().max(200).refine(noControl, NO_CONTROL_MESSAGE).optional(),
  ...paginationQuery,
});
export const instanceListQuery = z.object({
  customerId: z.uuid("customerId must be a customer's id").optional(),
  integrationId: z.uuid("integrationId must be an integration's id").optional(),
});
export const logListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
