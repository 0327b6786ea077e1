import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { credentials, customers, instances } from "@/db/schema";
import type { ConnectionKind } from "@/lib/connection-types/definition";
import { findConnectionType } from "@/lib/connection-types/registry";
import { renewsWithoutRefreshToken } from "@/lib/oauth/due";
import { connectionStatus, type ConnectionStatus } from "@/lib/connections/status";
import { findCredential } from "@/lib/credentials/queries";
import { authorizationsOf, type AuthorizationSummary } from "@/lib/credentials/tokens";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { findIntegrationRow, listConfigVariableRows } from "@/lib/integrations/queries";
import type { TenantScope } from "@/lib/tenancy";
import { credentialEvent, instanceEvent } from "@/lib/webhooks/domain-events";
import { recordDomainEvents } from "@/lib/webhooks/event-writes";
import { findInstanceRow, listInstanceConnectionRows, listInstanceRows, type InstanceRow } from "./queries";

// Instances: an integration deployed for one customer, each connection config variable bound to
// a credential. Status is the bound credential's (lib/connections/status).

export const instanceInput = z.object({
  integrationId: z.uuid("integrationId must be an integration's id"),
  customerId: z.uuid("customerId must be a customer's id").optional(),
  name: z.string().trim().min(1).max(100, "A name is at most 100 characters").optional(),
});

export type InstanceConnectionDto = {
  key: string;
  label: string;
  connectionType: string;
  connectionTypeLabel: string;
  kind: ConnectionKind;
  credentialId: string | null;
  credentialLabel: string | null;
  /** The connection uses an existing credential rather than one made by this instance's wizard. */
  borrowed: boolean;
  sharedWithOrganization: boolean;
  scopes: string | null;
  status: ConnectionStatus;
  statusReason: string;
  testable: boolean;
  /** For OAuth connections that hold tokens: when, which scopes, until when (never a token). */
  authorization: {
    authorizedAt: string;
    expiresAt: string | null;
    grantedScopes: string[];
    refreshable: boolean;
    needsReauthorization: boolean;
    /** When Latchkey renews the token next (null: it cannot), when it last did, and failed attempts since. */
    nextRefreshAt: string | null;
    lastRefreshedAt: string | null;
    consecutiveFailures: number;
  } | null;
};

export type InstanceDto = {
  id: string;
  name: string;
  integrationId: string;
  integrationName: string;
  customerId: string;
  customerName: string;
  connections: InstanceConnectionDto[];
  createdAt: string;
  updatedAt: string;
};

export function authorizationDto(a: AuthorizationSummary | undefined): InstanceConnectionDto["authorization"] {
  if (!a) return null;
  return {
    authorizedAt: a.authorizedAt.toISOString(),
    expiresAt: a.expiresAt?.toISOString() ?? null,
    grantedScopes: a.grantedScopes,
    refreshable: a.hasRefreshToken || renewsWithoutRefreshToken(a.grantType),
    needsReauthorization: a.needsReauthorization,
    nextRefreshAt: a.needsReauthorization ? null : (a.nextRefreshAt?.toISOString() ?? null),
    lastRefreshedAt: a.lastRefreshedAt?.toISOString() ?? null,
    consecutiveFailures: a.consecutiveFailures,
  };
}

async function toDto(db: Db, row: InstanceRow): Promise<InstanceDto> {
  const [variables, bound] = await Promise.all([
    listConfigVariableRows(db, row.organizationId, row.integrationId),
    listInstanceConnectionRows(db, row.organizationId, row.id),
  ]);
  const authorizations = await authorizationsOf(
    db,
    { organizationId: row.organizationId },
    bound.flatMap((b) => (b.credentialId ? [b.credentialId] : [])),
  );
  const connections = await Promise.all(
    variables.map(async (v): Promise<InstanceConnectionDto> => {
      const type = await findConnectionType(db, row.organizationId, v.connectionType);
      const link = bound.find((b) => b.configVariableId === v.id);
      const credential = link?.credentialId
        ? await findCredential(db, { organizationId: row.organizationId }, link.credentialId)
        : undefined;
      const { status, reason } = credential
        ? connectionStatus(credential)
        : { status: "red" as const, reason: "Not configured yet" };
      return {
        key: v.key,
        label: v.label,
        connectionType: v.connectionType,
        connectionTypeLabel: type?.label ?? v.connectionType,
        kind: type?.kind ?? "fields",
        credentialId: credential?.id ?? null,
        credentialLabel: credential?.label ?? null,
        borrowed: link ? !link.ownsCredential : false,
        sharedWithOrganization: !!credential && credential.customerId === null,
        scopes: link?.scopes ?? null,
        status,
        statusReason: reason,
        testable: !!type?.test,
        authorization: authorizationDto(credential ? authorizations.get(credential.id) : undefined),
      };
    }),
  );
  return {
    id: row.id,
    name: row.name,
    integrationId: row.integrationId,
    integrationName: row.integrationName,
    customerId: row.customerId,
    customerName: row.customerName,
    connections,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** One instance of the scope with its connections and their status, or NotFoundError. */
export async function getInstance(db: Db, scope: TenantScope, id: string): Promise<InstanceDto> {
  const row = await findInstanceRow(db, scope, id);
  if (!row) throw new NotFoundError("No such instance");
  return toDto(db, row);
}

/** Instances of the scope, optionally of one customer or integration. */
export async function listInstances(
  db: Db,
  scope: TenantScope,
  q: { customerId?: string; integrationId?: string; limit?: number } = {},
): Promise<InstanceDto[]> {
  const rows = await listInstanceRows(db, scope, { ...q, limit: q.limit ?? 200 });
  return Promise.all(rows.map((r) => toDto(db, r)));
}

/** Deploys an integration to a customer (a customer user deploys to its own). */
export async function deployInstance(
  db: Db,
  scope: TenantScope,
  input: z.infer<typeof instanceInput>,
  createdByUserId: string | null,
): Promise<InstanceDto> {
  const customerId = scope.customerId ?? input.customerId;
  if (!customerId) throw new ValidationError("Choose a customer", { customerId: "Choose the customer to deploy to" });
  const [customer] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.organizationId, scope.organizationId), eq(customers.id, customerId)))
    .limit(1);
  if (!customer)
    throw new ValidationError("No such customer", { customerId: "No customer with this id in your organization" });
  const integration = await findIntegrationRow(db, scope.organizationId, input.integrationId);
  if (!integration)
    throw new ValidationError("No such integration", {
      integrationId: "No integration with this id in your organization",
    });
  const name = input.name ?? integration.name;
  const id = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(instances)
      .values({
        organizationId: scope.organizationId,
        customerId,
        integrationId: integration.id,
        name,
        createdByUserId,
      })
      .returning({ id: instances.id });
    const row = await findInstanceRow(tx, scope, created!.id);
    await recordDomainEvents(tx, [instanceEvent(scope.organizationId, "instance.created", instanceFacts(row!))]);
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      action: "instance.created",
      target: { type: "instance", id: created!.id, name },
      fields: ["integrationId", "customerId", ...(input.name ? ["name"] : [])],
    });
    return created!.id;
  });
  return getInstance(db, scope, id);
}

/** Deletes an instance and the credentials its wizard created (borrowed ones stay). */
export async function deleteInstance(db: Db, scope: TenantScope, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await findInstanceRow(tx, scope, id);
    if (!row) throw new NotFoundError("No such instance");
    const owned = (await listInstanceConnectionRows(tx, row.organizationId, id))
      .filter((c) => c.ownsCredential && c.credentialId)
      .map((c) => c.credentialId!);
    await tx.delete(instances).where(and(eq(instances.organizationId, scope.organizationId), eq(instances.id, id)));
    const gone =
      owned.length === 0
        ? []
        : await tx
            .delete(credentials)
            .where(
              and(
                eq(credentials.organizationId, scope.organizationId),
                eq(credentials.customerId, row.customerId),
                inArray(credentials.id, owned),
              ),
            )
            .returning({
              id: credentials.id,
              label: credentials.label,
              authMethod: credentials.authMethod,
              customerId: credentials.customerId,
            });
    await recordAudit(tx, {
      organizationId: scope.organizationId,
      action: "instance.deleted",
      target: { type: "instance", id, name: row.name },
      fields: owned.map((credentialId) => `credentials.${credentialId}`),
    });
    await recordDomainEvents(tx, [
      instanceEvent(scope.organizationId, "instance.deleted", instanceFacts(row)),
      ...gone.map((c) => credentialEvent(scope.organizationId, "credential.deleted", c)),
    ]);
  });
}

// What an instance event says of the instance.
function instanceFacts(row: InstanceRow) {
  return {
    id: row.id,
    name: row.name,
    integration: { id: row.integrationId, name: row.integrationName },
    customer: { id: row.customerId, name: row.customerName, externalId: row.customerExternalId },
  };
}
