import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { WebhookDetail } from "@/components/webhooks/webhook-detail";
import { can } from "@/lib/auth/permissions";
import { requireTeamMember } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { deliveryPayload, listDeliveries } from "@/lib/webhooks/deliveries";
import { deliveryStatuses } from "@/lib/webhooks/schemas";
import { getWebhook } from "@/lib/webhooks/service";

export const metadata: Metadata = { title: "Webhook endpoint" };

const query = z.object({
  status: z.enum(deliveryStatuses).optional().catch(undefined),
  payload: z.uuid().optional().catch(undefined),
});

// GET /settings/webhooks/{id} - one endpoint: its settings, actions and delivery log
export default async function WebhookPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireTeamMember();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const q = query.parse(await searchParams);
  const db = await getDb();
  const endpoint = await getWebhook(db, user, id).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const { data: deliveries } = await listDeliveries(db, user, id, { status: q.status, limit: 100 });
  const payload = q.payload
    ? await deliveryPayload(db, user, id, q.payload).catch((e: unknown) => {
        if (e instanceof NotFoundError) return null;
        throw e;
      })
    : null;
  return (
    <WebhookDetail
      endpoint={endpoint}
      deliveries={deliveries}
      status={q.status ?? null}
      payload={payload ? { deliveryId: q.payload!, json: JSON.stringify(payload, null, 2) } : null}
      canManage={can(user.role, "webhooks:manage")}
    />
  );
}
