"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import { retryDelivery, sendTestEvent } from "@/lib/webhooks/deliveries";
import { webhookInputSchema } from "@/lib/webhooks/schemas";
import { createWebhook, deleteWebhook, rotateWebhookSecret, updateWebhook } from "@/lib/webhooks/service";

// Server actions of Settings → Webhooks; admins only (the lib functions check the role again).

const byId = z.object({ id: z.uuid() });

export const createWebhookAction = action(
  { schema: webhookInputSchema, permission: "webhooks:manage" },
  async (input, { db, user }) => {
    const created = await createWebhook(db, user, input);
    // The one moment the secret leaves the server: shown once to the admin who added the endpoint.
    return { id: created.id, url: created.url, secret: created.secret };
  },
);

export const setWebhookEnabledAction = action(
  { schema: byId.extend({ enabled: z.boolean() }), permission: "webhooks:manage" },
  async (input, { db, user }) => {
    const endpoint = await updateWebhook(db, user, input.id, { enabled: input.enabled });
    return { enabled: endpoint.enabled };
  },
);

export const deleteWebhookAction = action(
  { schema: byId, permission: "webhooks:manage" },
  async (input, { db, user }) => {
    await deleteWebhook(db, user, input.id);
    return { id: input.id };
  },
);

export const rotateWebhookSecretAction = action(
  { schema: byId, permission: "webhooks:manage" },
  async (input, { db, user }) => rotateWebhookSecret(db, user, input.id),
);

export const sendTestEventAction = action(
  { schema: byId, permission: "webhooks:manage" },
  async (input, { db, user }) => sendTestEvent(db, user, input.id),
);

export const retryDeliveryAction = action(
  { schema: byId.extend({ deliveryId: z.uuid() }), permission: "webhooks:manage" },
  async (input, { db, user }) => {
    const d = await retryDelivery(db, user, input.id, input.deliveryId);
    return { id: d.id };
  },
);
