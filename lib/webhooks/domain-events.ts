import "server-only";
import type { DomainEvent } from "./event-writes";

// The data of credential and instance events (API.md, Webhooks): ids and names, never a value.

type CredentialFacts = { id: string; label: string; authMethod: string; customerId: string | null };

/** A credential.* event. */
export function credentialEvent(
  organizationId: string,
  type: "credential.created" | "credential.updated" | "credential.deleted",
  c: CredentialFacts,
): DomainEvent {
  const owner = c.customerId ? { type: "customer", customerId: c.customerId } : { type: "organization" };
  return {
    organizationId,
    type,
    data: { credential: { id: c.id, label: c.label, authMethod: c.authMethod, owner } },
  };
}

type InstanceFacts = {
  id: string;
  name: string;
  integration: { id: string; name: string };
  customer: { id: string; name: string; externalId: string | null };
};

/** An instance.* event. */
export function instanceEvent(
  organizationId: string,
  type: "instance.created" | "instance.deleted",
  i: InstanceFacts,
): DomainEvent {
  return {
    organizationId,
    type,
    data: { instance: { id: i.id, name: i.name }, integration: i.integration, customer: i.customer },
  };
}
