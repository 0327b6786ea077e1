import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { WebhookList } from "@/components/webhooks/webhook-list";
import { can } from "@/lib/auth/permissions";
import { requireTeamMember } from "@/lib/auth/session";
import { listWebhooks } from "@/lib/webhooks/service";

export const metadata: Metadata = { title: "Webhooks" };

// GET /settings/webhooks - the organization's webhook endpoints; the team reads, admins manage
export default async function WebhooksPage() {
  const user = await requireTeamMember();
  const endpoints = await listWebhooks(await getDb(), user);
  return <WebhookList endpoints={endpoints} canManage={can(user.role, "webhooks:manage")} />;
}
