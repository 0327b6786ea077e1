import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import {
  configVariables,
  credentialTokens,
  credentials,
  customers,
  instanceConnections,
  instances,
  integrations,
  organizations,
} from "@/db/schema";
import type { Claim } from "@/lib/refresh/claim";

// The world of the event and webhook tests, written straight to the database so that each test
// starts from a connection without going through the services it checks: an organization, its
// customer, an integration "Sync" with one connection config variable "crm" (salesforce), deployed
// as the instance "Acme sync", and bound to a complete credential the instance owns.

export type ConnectionWorld = {
  organizationId: string;
  customerId: string;
  integrationId: string;
  instanceId: string;
  /** The config variable "crm". */
  configVarId: string;
  /** The customer's credential bound to "crm", owned by the instance. */
  credentialId: string;
};

/** A new organization with one configured connection; the customer's name and external id as given. */
export async function makeConnectionWorld(
  db: Db,
  customer: { name: string; externalId: string | null } = { name: "Acme Corp", externalId: `ext-${randomUUID()}` },
): Promise<ConnectionWorld> {
  const [org] = await db
    .insert(organizations)
    .values({ name: "Connection world", slug: `world-${randomUUID()}` })
    .returning();
  const organizationId = org!.id;
  const [madeCustomer] = await db
    .insert(customers)
    .values({ organizationId, ...customer })
    .returning();
  const customerId = madeCustomer!.id;
  const [integration] = await db.insert(integrations).values({ organizationId, name: "Sync" }).returning();
  const [cv] = await db
    .insert(configVariables)
    .values({ organizationId, integrationId: integration!.id, key: "crm", label: "CRM", connectionType: "salesforce" })
    .returning();
  const [instance] = await db
    .insert(instances)
    .values({ organizationId, customerId, integrationId: integration!.id, name: "Acme sync" })
    .returning();
  const [credential] = await db
    .insert(credentials)
    .values({ organizationId, customerId, label: "c", authMethod: "salesforce", complete: true })
    .returning();
  await db.insert(instanceConnections).values({
    organizationId,
    customerId,
    instanceId: instance!.id,
    configVariableId: cv!.id,
    credentialId: credential!.id,
  });
  return {
    organizationId,
    customerId,
    integrationId: integration!.id,
    instanceId: instance!.id,
    configVarId: cv!.id,
    credentialId: credential!.id,
  };
}

/**
 * Stored tokens of the credential ("sealed-before") under a lease held now, and the refresh's
 * claim on them, for the refresh's fenced commits.
 */
export async function leaseTokens(
  db: Db,
  w: Pick<ConnectionWorld, "organizationId" | "customerId">,
  credentialId: string,
  consecutiveFailures = 0,
): Promise<Claim> {
  const holder = randomUUID();
  await db
    .insert(credentialTokens)
    .values({
      credentialId,
      organizationId: w.organizationId,
      customerId: w.customerId,
      grantType: "authorization_code",
      tokensCiphertext: "sealed-before",
      hasRefreshToken: true,
      leaseHolder: holder,
      leaseUntil: new Date(Date.now() + 30_000),
      consecutiveFailures,
    })
    .onConflictDoUpdate({
      target: credentialTokens.credentialId,
      set: { leaseHolder: holder, leaseUntil: new Date(Date.now() + 30_000), tokensCiphertext: "sealed-before" },
    });
  return {
    credentialId,
    organizationId: w.organizationId,
    customerId: w.customerId,
    grantType: "authorization_code",
    tokensCiphertext: "sealed-before",
    grantedScopes: [],
    consecutiveFailures,
    holder,
  };
}
