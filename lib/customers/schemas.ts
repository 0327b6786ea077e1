import { z } from "zod";
import { NO_CONTROL_MESSAGE, noControl } from "@/lib/validation/text";
import { paginationQuery } from "@/lib/pagination";

const name = z
  .string({ message: "Enter the customer's name" })
  .trim()
  .min(1, "Enter the customer's name")
  .max(200, "Keep the name under 200 characters")
  .refine(noControl, NO_CONTROL_MESSAGE);
const externalId = z
  .string()
  .trim()
  .max(200, "Keep the external id under 200 characters")
  .regex(/^[\x21-\x7e]*$/, "The external id has no spaces or control characters")
  .nullable()
  .optional()
  .transform((v) => (v ? v : null));

export const customerInputSchema = z.object({ name, externalId }).strict().meta({ id: "CustomerInput" });
export const customerPatchSchema = z
  .object({ name: name.optional(), externalId })
  .strict()
  .meta({ id: "CustomerPatch" });
export const customerSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    externalId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Customer" });

export const customerListQuery = z.object({
  search: z.string().max(200, "search is at most 200 characters").refine(noControl, NO_CONTROL_MESSAGE).optional(),
  ...paginationQuery,
});
