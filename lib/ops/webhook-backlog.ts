import "server-only";

// Health and metrics read the webhook backlog from its one home, the webhooks' delivery round.
export { webhookBacklog, webhookFailures } from "@/lib/webhooks/round";
export type WebhookBacklog = { pending: number; oldestPendingAt: string | null };
