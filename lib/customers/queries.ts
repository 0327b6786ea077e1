import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers } from "@/db/schema";

/** Id and name of every customer of an organization, for pickers. */
export function listCustomerOptions(db: Db, organizationId: string) {
  return db
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(eq(customers.organizationId, organizationId))
    .orderBy(asc(customers.name));
}
