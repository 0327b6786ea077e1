import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dataUpgrades } from "@/db/schema";

/**
 * Runs a data upgrade unless it has finished before, then records it, so that a start-up does not
 * re-read every row each time. Servers starting together may both run it: upgrades are idempotent.
 */
export async function runDataUpgradeOnce<T>(db: Db, name: string, upgrade: () => Promise<T>): Promise<T | undefined> {
  const [done] = await db
    .select({ name: dataUpgrades.name })
    .from(dataUpgrades)
    .where(eq(dataUpgrades.name, name))
    .limit(1);
  if (done) return undefined;
  const result = await upgrade();
  await db.insert(dataUpgrades).values({ name }).onConflictDoNothing();
  return result;
}
