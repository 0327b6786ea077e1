import { z } from "zod";
import { EVENT_TYPES } from "./event-types";
import { paginationQuery } from "@/lib/pagination";

// The API's and the Settings screen's input and answers for webhook endpoints (API.md, Webhooks).

const known = new Set<string>([...EVENT_TYPES, "*"]);

const eventList = z
  .array(z.string().max(100), 'List the event types, or ["*"] for all')
  .min(1, 'Choose at least one event type, or ["*"] for all')
  .max(EVENT_TYPES.length + 1)
  .superRefine((list, ctx) => {
    const unknown = [...new Set(list.filter((t) => !known.has(t)))];
    if (unknown.length > 0) ctx.addIssue({ code: "custom", message: `Unknown event types: ${unknown.join(", ")}` });
  })
  .transform((list) => (list.includes("*") ? ["*"] : [...new Set(list)]));

const url = z
  .string()
  .trim()
  .min(1, "Enter the URL to send events to")
  .max(2000, "Keep the URL under 2,000 characters");
const description = z.string().trim().max(500, "Keep the description under 500 characters");

export const webhookInputSchema = z
  .object({ url, events: eventList, description: description.optional() })
  .meta({ id: "WebhookEndpointInput" });

export const webhookPatchSchema = z
  .object({
    url: url.optional(),
    events: eventList.optional(),
    description: description.optional(),
    enabled: z.boolean().optional(),
  })
  .meta({ id: "WebhookEndpointPatch" });

export const webhookSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    events: z.array(z.string()),
    description: z.string(),
    enabled: z.boolean(),
    disabledReason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "WebhookEndpoint" });

export const webhookWithSecretSchema = webhookSchema
  .extend({ secret: z.string() })
  .meta({ id: "WebhookEndpointWithSecret" });

export const rotatedSecretSchema = z
  .object({ secret: z.string(), previousSecretExpiresAt: z.string() })
  .meta({ id: "RotatedWebhookSecret" });

export type WebhookDto = z.infer<typeof webhookSchema>;

export const deliveryStatuses = ["pending", "delivered", "failed"] as const;

export const deliveryListQuery = z.object({
  status: z.enum(deliveryStatuses, 'Use "pending", "delivered" or "failed"').optional(),
  ...paginationQuery,
});

export const deliverySchema = z
  .object({
    id: z.uuid(),
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(deliveryStatuses),
    attempts: z.number(),
    lastStatusCode: z.number().nullable(),
    lastError: z.string().nullable(),
    latencyMs: z.number().nullable(),
    nextAttemptAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "WebhookDelivery" });

export const deliveryParams = z.object({ id: z.uuid("Not a valid id"), deliveryId: z.uuid("Not a valid id") });

export const queuedTestSchema = z
  .object({ eventId: z.string(), deliveryId: z.uuid() })
  .meta({ id: "QueuedWebhookTest" });

export type DeliveryDto = z.infer<typeof deliverySchema>;
