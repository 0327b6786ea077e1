import "server-only";
import type { Db } from "@/db/client";
import type { ConnectionTypeRow } from "@/db/schema";
import { builtInConnectionTypes, findBuiltInConnectionType } from "@/lib/connection-types/catalog/built-in";
import { connectionTypeInputSchema, toConnectionType, type ConnectionType } from "./definition";
import { findCustomConnectionTypeRow, listCustomConnectionTypeRows } from "./queries";

// The connection types an organization can use: the built-in catalogue, then its custom ones.

function fromRow(row: ConnectionTypeRow): ConnectionType {
  // Stored definitions were parsed on the way in; parsing again fills defaults added since.
  return toConnectionType(connectionTypeInputSchema.parse(row.definition), false);
}

/** Every connection type the organization can use, built-in first. */
export async function listConnectionTypes(db: Db, organizationId: string): Promise<ConnectionType[]> {
  const custom = await listCustomConnectionTypeRows(db, organizationId);
  return [...builtInConnectionTypes, ...custom.map(fromRow)];
}

/** One connection type by key, built-in or the organization's own; undefined when there is none. */
export async function findConnectionType(
  db: Db,
  organizationId: string,
  key: string,
): Promise<ConnectionType | undefined> {
  const builtIn = findBuiltInConnectionType(key);
  if (builtIn) return builtIn;
  const row = await findCustomConnectionTypeRow(db, organizationId, key);
  return row ? fromRow(row) : undefined;
}
