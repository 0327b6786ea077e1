import "server-only";
import type { ConnectionKind } from "@/lib/connection-types/names";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import type { ConnectionType } from "@/lib/connection-types/definition";
import { findConnectionType } from "@/lib/connection-types/registry";
import { NotFoundError } from "@/lib/errors";

// The runtime API's one read: the instance, its connection by key and the credential bound to it,
// in a single query. The runtime endpoint is the hot path of every integration run, so it does not
// assemble the whole instance the screens show.

export type RuntimeConnection = {
  instanceId: string;
  customerId: string;
  label: string;
  kind: ConnectionKind;
  /** The connection type; undefined when the integration names one that no longer exists. */
  type: ConnectionType | undefined;
  credential: { id: string; organizationId: string; customerId: string | null; valuesCiphertext: string | null } | null;
};

type Row = {
  instanceId: string;
  customerId: string;
  label: string | null;
  connectionType: string | null;
  credentialId: string | null;
  credentialOrganizationId: string | null;
  credentialCustomerId: string | null;
  valuesCiphertext: string | null;
};

/** An instance's connection of the organization, by key; NotFoundError for an unknown instance or key. */
export async function findRuntimeConnectionWithCiphertext(
  db: Db,
  organizationId: string,
  instanceId: string,
  key: string,
): Promise<RuntimeConnection> {
  const [row] = rowsOf<Row>(
    await db.execute(sql`
      select i.id as "instanceId", i.customer_id as "customerId", v.label, v.connection_type as "connectionType",
        c.id as "credentialId", c.organization_id as "credentialOrganizationId", c.customer_id as "credentialCustomerId", c.values_ciphertext as "valuesCiphertext"
      from instances i
      left join config_variables v on v.integration_id = i.integration_id and v.organization_id = i.organization_id and v.key = ${key}
      left join instance_connections ic on ic.instance_id = i.id and ic.config_variable_id = v.id
      left join credentials c on c.id = ic.credential_id and c.organization_id = i.organization_id
      where i.organization_id = ${organizationId} and i.id = ${instanceId}`),
  );
  if (!row) throw new NotFoundError("No such instance");
  if (!row.label || !row.connectionType) throw new NotFoundError(`No connection "${key}" in this instance`);
  const type = await findConnectionType(db, organizationId, row.connectionType);
  return {
    instanceId: row.instanceId,
    customerId: row.customerId,
    label: row.label,
    kind: type?.kind ?? "fields",
    type,
    credential: row.credentialId
      ? {
          id: row.credentialId,
          organizationId: row.credentialOrganizationId!,
          customerId: row.credentialCustomerId,
          valuesCiphertext: row.valuesCiphertext,
        }
      : null,
  };
}
