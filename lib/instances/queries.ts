import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, instanceConnections, instances, integrations } from "@/db/schema";
import type { TenantScope } from "@/lib/tenancy";

function scopeWhere(scope: TenantScope) {
  return and(
    eq(instances.organizationId, scope.organizationId),
    scope.customerId ? eq(instances.customerId, scope.customerId) : undefined,
  );
}

const instanceColumns = {
  id: instances.id,
  organizationId: instances.organizationId,
  customerId: instances.customerId,
  customerName: customers.name,
  customerExternalId: customers.externalId,
  integrationId: instances.integrationId,
  integrationName: integrations.name,
  name: instances.name,
  createdAt: instances.createdAt,
  updatedAt: instances.updatedAt,
};
export type InstanceRow = {
  id: string;
  organizationId: string;
  customerId: string;
  customerName: string;
  customerExternalId: string | null;
  integrationId: string;
  integrationName: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
};

/** Instances of the scope, newest first, optionally of one customer or integration. */
export function listInstanceRows(
  db: Db,
  scope: TenantScope,
  q: { customerId?: string; integrationId?: string; limit: number },
): Promise<InstanceRow[]> {
  return db
    .select(instanceColumns)
    .from(instances)
    .innerJoin(customers, eq(customers.id, instances.customerId))
    .innerJoin(integrations, eq(integrations.id, instances.integrationId))
    .where(
      and(
        scopeWhere(scope),
        q.customerId ? eq(instances.customerId, q.customerId) : undefined,
        q.integrationId ? eq(instances.integrationId, q.integrationId) : undefined,
      ),
    )
    .orderBy(desc(instances.createdAt))
    .limit(q.limit);
}

/** One instance of the scope. */
export async function findInstanceRow(db: Db, scope: TenantScope, id: string): Promise<InstanceRow | undefined> {
  const [row] = await db
    .select(instanceColumns)
    .from(instances)
    .innerJoin(customers, eq(customers.id, instances.customerId))
    .innerJoin(integrations, eq(integrations.id, instances.integrationId))
    .where(and(scopeWhere(scope), eq(instances.id, id)))
    .limit(1);
  return row;
}

/** The connections of an instance (the caller has checked the instance is in scope). */
export function listInstanceConnectionRows(db: Db, organizationId: string, instanceId: string) {
  return db
    .select()
    .from(instanceConnections)
    .where(and(eq(instanceConnections.organizationId, organizationId), eq(instanceConnections.instanceId, instanceId)));
}
