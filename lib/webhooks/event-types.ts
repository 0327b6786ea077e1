// The event types of the contract (API.md, Webhooks), and which connection log events become one.
// Plain data, shared by the writer, the API's validation and the Settings screen.

export const EVENT_TYPES = [
  "connection.configured",
  "connection.authorized",
  "connection.refresh_failed",
  "connection.reauthorization_required",
  "connection.recovered",
  "connection.disconnected",
  "connection.test_failed",
  "credential.created",
  "credential.updated",
  "credential.deleted",
  "instance.created",
  "instance.deleted",
  "webhook.test",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Connection log events (lib/connections/events.ts) that are contract events. `connection.recovered`
 * is not here: it is the first success after a failure, whichever log event carries it.
 */
export const connectionEventTypes: Record<string, EventType> = {
  configured: "connection.configured",
  "token exchanged": "connection.authorized",
  "refresh failed": "connection.refresh_failed",
  "re-authorization needed": "connection.reauthorization_required",
  disconnected: "connection.disconnected",
  "test failed": "connection.test_failed",
};
